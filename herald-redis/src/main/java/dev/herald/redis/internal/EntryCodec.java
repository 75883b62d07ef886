package dev.herald.redis.internal;

import dev.herald.hub.Update;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * An update as the field/value pairs of a stream entry: {@code i} id (always first, the append script's
 * trimming reads it there), {@code t} topics joined by LF (topics cannot hold control characters), and,
 * when present, {@code d} data, {@code y} type, {@code r} retry and {@code p} private.
 */
public final class EntryCodec {

    private EntryCodec() {
    }

    /** The field/value pairs of {@code update}, whose id is set. */
    public static List<String> fields(Update update) {
        List<String> fields = new ArrayList<>(12);
        add(fields, "i", update.id());
        add(fields, "t", String.join("\n", update.topics()));
        add(fields, "d", update.data());
        add(fields, "y", update.type());
        add(fields, "r", update.retry() == null ? null : update.retry().toString());
        add(fields, "p", update.privateUpdate() ? "1" : null);
        return fields;
    }

    /** The update held in {@code pairs}, a flat list of field, value, field, value... */
    public static Update fromPairs(List<?> pairs) {
        String id = null;
        String topics = null;
        String data = null;
        String type = null;
        String retry = null;
        boolean isPrivate = false;
        for (int i = 0; i + 1 < pairs.size(); i += 2) {
            String value = (String) pairs.get(i + 1);
            switch ((String) pairs.get(i)) {
                case "i" -> id = value;
                case "t" -> topics = value;
                case "d" -> data = value;
                case "y" -> type = value;
                case "r" -> retry = value;
                case "p" -> isPrivate = "1".equals(value);
                default -> { }
            }
        }
        if (id == null || topics == null) {
            throw new IllegalStateException("a stream entry without id or topics: not written by Herald");
        }
        return new Update(List.of(topics.split("\n", -1)), data, id, type, retry == null ? null : Long.valueOf(retry), isPrivate);
    }

    /** The update held in {@code body}, a stream entry's fields as XREAD returns them. */
    public static Update fromMap(Map<String, String> body) {
        List<String> pairs = new ArrayList<>(body.size() * 2);
        body.forEach((field, value) -> {
            pairs.add(field);
            pairs.add(value);
        });
        return fromPairs(pairs);
    }

    private static void add(List<String> fields, String name, String value) {
        if (value != null) {
            fields.add(name);
            fields.add(value);
        }
    }
}
