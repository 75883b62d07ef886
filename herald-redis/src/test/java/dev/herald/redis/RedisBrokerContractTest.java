package dev.herald.redis;

import dev.herald.broker.Broker;
import dev.herald.hub.Update;
import dev.herald.log.LogEntry;
import dev.herald.testkit.RedisServer;
import dev.herald.testkit.contract.BrokerContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

/** {@link RedisBroker} keeps the {@link BrokerContract}: publishing is appending to the stream it tails. */
class RedisBrokerContractTest extends BrokerContract {

    private static RedisServer redis;
    private static int nextPrefix;
    private RedisStream stream;
    private RedisEventLog log;

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
    void openStream() {
        stream = RedisStream.connect(RedisOptions.of(redis.uri()).withKeyPrefix("broker-" + nextPrefix++));
        log = stream.eventLog();
    }

    @AfterEach
    void closeStream() {
        log.close();
        stream.close();
    }

    @Override
    protected Broker newBroker() {
        return stream.broker();
    }

    @Override
    protected LogEntry publish(Broker broker, Update update) {
        return log.append(update).entry();
    }

    @Override
    protected long head() {
        return log.headPosition();
    }
}
