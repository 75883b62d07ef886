package dev.herald.client.internal;

import dev.herald.client.Update;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** Encodes an {@link Update} as the {@code application/x-www-form-urlencoded} body the Mercure protocol defines. */
public final class FormBody {

    private FormBody() {
    }

    /** The form body of {@code update}: {@code topic} once per topic, then {@code data}, {@code id}, {@code type}, {@code retry}, {@code private}. */
    public static String of(Update update) {
        StringBuilder form = new StringBuilder();
        for (String topic : update.topics()) {
            field(form, "topic", topic);
        }
        field(form, "data", update.data());
        if (update.id() != null) {
            field(form, "id", update.id());
        }
        if (update.type() != null) {
            field(form, "type", update.type());
        }
        if (update.retry() != null) {
            field(form, "retry", Long.toString(update.retry().toMillis()));
        }
        if (update.privateUpdate()) {
            field(form, "private", "on");
        }
        return form.toString();
    }

    private static void field(StringBuilder form, String name, String value) {
        if (form.length() > 0) {
            form.append('&');
        }
        form.append(name).append('=').append(URLEncoder.encode(value, StandardCharsets.UTF_8));
    }
}
