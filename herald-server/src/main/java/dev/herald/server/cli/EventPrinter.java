package dev.herald.server.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import dev.herald.sse.MessageEvent;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;

/**
 * How {@code herald listen} writes each dispatched event to standard output. Every event is flushed at
 * once, so a pipe sees it as soon as it arrives. Called on the event source's thread only.
 */
abstract class EventPrinter {

    protected final PrintWriter out;

    private EventPrinter(PrintWriter out) {
        this.out = out;
    }

    /**
     * Writes {@code event} and flushes; returns false once the output is gone (the reader of a pipe exited,
     * as {@code | head -1} does), since the JVM ignores SIGPIPE and nothing else would stop the command.
     */
    abstract boolean print(MessageEvent event);

    /**
     * One JSON object per line, {@code {"type":…,"data":…,"lastEventId":…}}, and nothing else. Characters
     * outside ASCII are written as {@code \}{@code uXXXX} escapes, so the output is the same bytes whatever
     * the locale's encoding, and no platform charset can garble the data on its way to the consumer.
     */
    static EventPrinter jsonLines(PrintWriter out) {
        return new JsonLines(out);
    }

    /**
     * For people: a line {@code [type] id} (the id left out when there is none), the data lines as they
     * are, then an empty line.
     */
    static EventPrinter humanReadable(PrintWriter out) {
        return new HumanReadable(out);
    }

    private static final class JsonLines extends EventPrinter {
        // Only jackson-core: its streaming generator loads about 65 classes, an ObjectMapper over 450.
        private final JsonFactory json = JsonFactory.builder().enable(JsonWriteFeature.ESCAPE_NON_ASCII).build();

        JsonLines(PrintWriter out) {
            super(out);
        }

        @Override
        boolean print(MessageEvent event) {
            StringWriter line = new StringWriter();
            try (JsonGenerator generator = json.createGenerator(line)) {
                generator.writeStartObject();
                generator.writeStringField("type", event.type());
                generator.writeStringField("data", event.data());
                generator.writeStringField("lastEventId", event.lastEventId());
                generator.writeEndObject();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot happen: writing JSON to a string failed", e);
            }
            out.println(line);
            out.flush();
            return !out.checkError();
        }
    }

    private static final class HumanReadable extends EventPrinter {
        HumanReadable(PrintWriter out) {
            super(out);
        }

        @Override
        boolean print(MessageEvent event) {
            String id = event.lastEventId();
            out.println("[" + event.type() + "]" + (id.isEmpty() ? "" : " " + id));
            if (!event.data().isEmpty()) {
                out.println(event.data());
            }
            out.println();
            out.flush();
            return !out.checkError();
        }
    }
}
