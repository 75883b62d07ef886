package dev.herald.server.cli;

import dev.herald.server.HeraldServer;
import org.slf4j.LoggerFactory;

/**
 * Turns SIGTERM (and Ctrl-C) into a graceful stop that exits 0: a shutdown hook stops the server, then
 * halts with status 0, because the JVM would otherwise report 143 for a stop that went as planned.
 */
final class ShutdownOnSignal {

    private ShutdownOnSignal() {
    }

    static void install(HeraldServer server) {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            LoggerFactory.getLogger(ShutdownOnSignal.class).info("signal received: ending streams and stopping");
            server.stop();
            LoggerFactory.getLogger(ShutdownOnSignal.class).info("stopped");
            System.out.flush();
            System.err.flush();
            Runtime.getRuntime().halt(0);
        }, "herald-shutdown"));
    }
}
