package dev.herald.server.internal.log;

import ch.qos.logback.classic.pattern.MessageConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import java.util.regex.Pattern;

/**
 * The log message with tokens passed in URLs ({@code ?authorization=…}, allowed by
 * {@code --allow-query-token}) masked, whoever logs the URL: Herald, Vert.x or Netty. Logs are read by more
 * people and systems than the hub's keys are, so a token in a log line is a token handed out.
 */
public final class RedactingMessageConverter extends MessageConverter {

    private static final Pattern QUERY_TOKEN = Pattern.compile("(?i)([?&;]authorization=)[^&\\s\"'#]*");

    @Override
    public String convert(ILoggingEvent event) {
        return redact(super.convert(event));
    }

    /** {@code text} with the values of {@code authorization} query parameters replaced by {@code [redacted]}. */
    public static String redact(String text) {
        if (text == null || text.length() < 15) {
            return text;
        }
        return QUERY_TOKEN.matcher(text).replaceAll("$1[redacted]");
    }
}
