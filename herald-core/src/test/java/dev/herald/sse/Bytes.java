package dev.herald.sse;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Builds test input byte by byte, so invalid UTF-8 can be written next to readable text. */
final class Bytes {

    private Bytes() {
    }

    /** Concatenates strings (as UTF-8) and ints (as raw bytes). */
    static byte[] of(Object... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Object part : parts) {
            if (part instanceof String s) {
                out.writeBytes(s.getBytes(StandardCharsets.UTF_8));
            } else {
                out.write((Integer) part);
            }
        }
        return out.toByteArray();
    }
}
