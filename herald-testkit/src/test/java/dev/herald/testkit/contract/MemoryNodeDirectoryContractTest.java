package dev.herald.testkit.contract;

import dev.herald.cluster.MemoryNodeDirectory;
import dev.herald.cluster.NodeDirectory;
import java.time.Duration;

/** {@link MemoryNodeDirectory} keeps the {@link NodeDirectoryContract}; the nodes of one test share one directory. */
class MemoryNodeDirectoryContractTest extends NodeDirectoryContract {

    private MemoryNodeDirectory shared;

    @Override
    protected NodeDirectory newDirectory(Duration ttl) {
        if (shared == null) {
            shared = new MemoryNodeDirectory(ttl, System::nanoTime);
        }
        return shared;
    }
}
