package dev.herald.server.internal;

import java.nio.charset.StandardCharsets;

/** RFC 3986 percent-encoding of a value placed in one URI path segment or template expansion. */
public final class PercentEncoding {

    private PercentEncoding() {
    }

    /** {@code value} with every byte but the unreserved characters ({@code A-Z a-z 0-9 - . _ ~}) percent-encoded. */
    public static String encode(String value) {
        StringBuilder out = new StringBuilder(value.length() + 16);
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '.' || c == '_' || c == '~') {
                out.append(c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit((b >> 4) & 0xf, 16)))
                        .append(Character.toUpperCase(Character.forDigit(b & 0xf, 16)));
            }
        }
        return out.toString();
    }
}
