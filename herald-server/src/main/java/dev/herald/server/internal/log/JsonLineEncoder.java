package dev.herald.server.internal.log;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.encoder.EncoderBase;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One JSON object per log line, for log shippers: {@code timestamp}, {@code level}, {@code logger}, {@code thread},
 * {@code message} and, with a failure, {@code exception}; the message and the exception have
 * {@code authorization} query tokens masked as the text format does ({@link RedactingMessageConverter}).
 */
public final class JsonLineEncoder extends EncoderBase<ILoggingEvent> {

    private static final byte[] NOTHING = new byte[0];
    private final ObjectMapper json = new ObjectMapper();

    @Override
    public byte[] encode(ILoggingEvent event) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("timestamp", Instant.ofEpochMilli(event.getTimeStamp()).toString());
        line.put("level", event.getLevel().toString());
        line.put("logger", event.getLoggerName());
        line.put("thread", event.getThreadName());
        line.put("message", RedactingMessageConverter.redact(event.getFormattedMessage()));
        if (event.getThrowableProxy() != null) {
            line.put("exception", RedactingMessageConverter.redact(ThrowableProxyUtil.asString(event.getThrowableProxy())));
        }
        try {
            byte[] body = json.writeValueAsBytes(line);
            byte[] out = new byte[body.length + 1];
            System.arraycopy(body, 0, out, 0, body.length);
            out[body.length] = '\n';
            return out;
        } catch (JsonProcessingException e) {
            // A log line that cannot be written must not fail the code that logged it.
            return ("{\"level\":\"ERROR\",\"message\":\"unencodable log event\"}\n").getBytes(StandardCharsets.UTF_8);
        }
    }

    @Override
    public byte[] headerBytes() {
        return NOTHING;
    }

    @Override
    public byte[] footerBytes() {
        return NOTHING;
    }
}
