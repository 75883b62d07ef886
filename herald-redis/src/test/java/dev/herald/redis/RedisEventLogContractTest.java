package dev.herald.redis;

import dev.herald.log.EventLog;
import dev.herald.testkit.RedisServer;
import dev.herald.testkit.contract.EventLogContract;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;

/** {@link RedisEventLog} keeps the {@link EventLogContract}, against a real redis-server; each test has its own keys. */
class RedisEventLogContractTest extends EventLogContract {

    private static RedisServer redis;
    private static int nextPrefix;
    private final List<RedisStream> streams = new ArrayList<>();

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

    @AfterEach
    void closeStreams() {
        streams.forEach(RedisStream::close);
    }

    @Override
    protected EventLog newLog(int retained) {
        RedisOptions options = RedisOptions.of(redis.uri()).withKeyPrefix("contract-" + nextPrefix++)
                .withLimits(retained, Duration.ZERO);
        RedisStream stream = RedisStream.connect(options);
        streams.add(stream);
        return stream.eventLog();
    }
}
