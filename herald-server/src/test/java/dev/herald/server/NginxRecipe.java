package dev.herald.server;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The shipped {@code deploy/nginx/herald.conf}, read from the repository and pointed at test ports, so the
 * proxy tests run the very file users copy (never a look-alike kept in the test).
 */
final class NginxRecipe {

    static final String FILE = "deploy/nginx/herald.conf";

    private NginxRecipe() {
    }

    /** The recipe's text as shipped. */
    static String shipped() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve(FILE))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new AssertionError(FILE + " not found above " + Path.of("").toAbsolutePath());
        }
        try {
            return Files.readString(dir.resolve(FILE));
        } catch (IOException e) {
            throw new AssertionError("cannot read " + FILE + ": " + e, e);
        }
    }

    /** The recipe listening on 127.0.0.1:{@code listenPort} with its two nodes at 127.0.0.1:{@code nodePorts}. */
    static String pointedAt(int listenPort, List<Integer> nodePorts) {
        String text = replaceOnce(shipped(), "listen 80;", "listen 127.0.0.1:" + listenPort + ";");
        for (int i = 0; i < nodePorts.size(); i++) {
            text = replaceOnce(text, "server herald-" + (i + 1) + ":8080 ", "server 127.0.0.1:" + nodePorts.get(i) + " ");
        }
        return text;
    }

    /** Replaces the one occurrence of {@code target}; the recipe changed shape if there is not exactly one. */
    private static String replaceOnce(String text, String target, String replacement) {
        int at = text.indexOf(target);
        if (at < 0 || text.indexOf(target, at + 1) >= 0) {
            throw new AssertionError(FILE + " must contain \"" + target + "\" exactly once, for the test to point it at its ports");
        }
        return text.substring(0, at) + replacement + text.substring(at + target.length());
    }
}
