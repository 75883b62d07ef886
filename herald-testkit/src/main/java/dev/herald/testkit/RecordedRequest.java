package dev.herald.testkit;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One HTTP request as a {@link ScriptedSseServer} received it.
 *
 * @param method the request method, e.g. {@code GET}
 * @param target the request target as sent: path plus query, e.g. {@code /events?topic=a}
 * @param headers header values by lower-cased name, in arrival order
 * @param body the request body decoded as UTF-8 (empty when there was none)
 */
public record RecordedRequest(String method, String target, Map<String, List<String>> headers, String body) {

    public RecordedRequest {
        headers = Map.copyOf(headers);
    }

    /** The first value of header {@code name} (case-insensitive), or null when the request had none. */
    public String header(String name) {
        List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    /** The path part of the target, without the query. */
    public String path() {
        int q = target.indexOf('?');
        return q < 0 ? target : target.substring(0, q);
    }

    /** Every value of query parameter {@code name}, decoded, in order; empty when absent. */
    public List<String> queryParameters(String name) {
        int q = target.indexOf('?');
        return q < 0 ? List.of() : formValues(target.substring(q + 1), name);
    }

    /** Every value of field {@code name} in an {@code application/x-www-form-urlencoded} body, decoded. */
    public List<String> formValues(String name) {
        return formValues(body, name);
    }

    private static List<String> formValues(String encoded, String name) {
        List<String> values = new ArrayList<>();
        for (String pair : encoded.split("&")) {
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            if (key.equals(name)) {
                values.add(eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return values;
    }
}
