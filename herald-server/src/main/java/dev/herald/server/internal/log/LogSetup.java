package dev.herald.server.internal.log;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.OutputStreamAppender;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import org.slf4j.LoggerFactory;

/** Applies {@code --log-format} and {@code --log-level} to the Logback configuration of {@code logback.xml}. */
public final class LogSetup {

    private static final List<String> FORMATS = List.of("text", "json");
    private static final List<String> LEVELS = List.of("error", "warn", "info", "debug", "trace", "off");

    private LogSetup() {
    }

    /**
     * Checks the values.
     *
     * @throws IllegalArgumentException naming the flag, when a value is not one it knows
     */
    public static void check(String format, String level) {
        if (!FORMATS.contains(format.toLowerCase(Locale.ROOT))) {
            throw new IllegalArgumentException("--log-format must be text or json, got " + format);
        }
        if (!LEVELS.contains(level.toLowerCase(Locale.ROOT))) {
            throw new IllegalArgumentException("--log-level must be one of " + String.join(", ", LEVELS) + ", got " + level);
        }
    }

    /** Sets Herald's log level and, for {@code json}, makes every appender write one JSON object per line. */
    public static void apply(String format, String level) {
        check(format, level);
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            return; // Embedded under another SLF4J backend: its own configuration rules.
        }
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.toLevel(level));
        if (format.equalsIgnoreCase("json")) {
            for (Iterator<Appender<ILoggingEvent>> it = root.iteratorForAppenders(); it.hasNext(); ) {
                if (it.next() instanceof OutputStreamAppender<ILoggingEvent> appender) {
                    JsonLineEncoder encoder = new JsonLineEncoder();
                    encoder.setContext(context);
                    encoder.start();
                    appender.stop();
                    appender.setEncoder(encoder);
                    appender.start();
                }
            }
        }
    }
}
