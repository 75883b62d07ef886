package dev.herald.testkit.contract;

import dev.herald.log.EventLog;
import dev.herald.log.MemoryEventLog;

/** {@link MemoryEventLog} keeps the {@link EventLogContract}. (Core's own tests cover its byte bound and ring.) */
class MemoryEventLogContractTest extends EventLogContract {

    @Override
    protected EventLog newLog(int retained) {
        return new MemoryEventLog(retained, Long.MAX_VALUE);
    }
}
