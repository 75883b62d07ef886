package dev.herald.testkit.contract;

import dev.herald.broker.Broker;
import dev.herald.broker.LocalBroker;
import dev.herald.hub.Update;
import dev.herald.log.LogEntry;
import dev.herald.log.MemoryEventLog;

/** {@link LocalBroker} keeps the {@link BrokerContract}, fed as the hub feeds it: append and hand off, then deliver outside the lock. */
class LocalBrokerContractTest extends BrokerContract {

    private final MemoryEventLog log = new MemoryEventLog();

    @Override
    protected Broker newBroker() {
        return new LocalBroker();
    }

    @Override
    protected LogEntry publish(Broker broker, Update update) {
        LogEntry entry;
        synchronized (this) {
            entry = log.append(update).entry();
            broker.publish(entry);
        }
        broker.deliverOnPublisher();
        return entry;
    }

    @Override
    protected long head() {
        return log.headPosition();
    }
}
