package dev.herald.redis;

import dev.herald.cluster.NodeDirectory;
import dev.herald.testkit.RedisServer;
import dev.herald.testkit.contract.NodeDirectoryContract;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

/** {@link RedisNodeDirectory} keeps the {@link NodeDirectoryContract}: each node has its own client on one real Redis. */
class RedisNodeDirectoryContractTest extends NodeDirectoryContract {

    private static RedisServer redis;
    private static int nextPrefix;
    private final List<RedisStream> streams = new ArrayList<>();
    private String prefix;

    @BeforeAll
    static void startRedis() {
        redis = RedisServer.start();
    }

    @AfterAll
    static void stopRedis() {
        if (redis != null) {
            redis.stop();
        }
    }

    @BeforeEach
    void choosePrefix() {
        prefix = "nodes-" + nextPrefix++;
    }

    @AfterEach
    void closeStreams() {
        streams.forEach(RedisStream::close);
    }

    @Override
    protected NodeDirectory newDirectory(Duration ttl) {
        RedisStream stream = RedisStream.connect(RedisOptions.of(redis.uri()).withKeyPrefix(prefix));
        streams.add(stream);
        return stream.nodeDirectory(ttl);
    }
}
