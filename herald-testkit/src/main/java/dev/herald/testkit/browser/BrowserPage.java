package dev.herald.testkit.browser;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;

/** One tab of a {@link Chromium}: navigate it, evaluate JavaScript in it, take screenshots of it. */
public final class BrowserPage {

    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    private final DevToolsConnection devTools;
    private final String sessionId;
    private final String targetId;

    BrowserPage(DevToolsConnection devTools, String targetId, String sessionId) {
        this.devTools = devTools;
        this.targetId = targetId;
        this.sessionId = sessionId;
    }

    /** Loads {@code url} and waits until its document is ready. */
    public void navigate(String url) {
        devTools.send(sessionId, "Page.navigate", Map.of("url", url), TIMEOUT);
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (!"complete".equals(evaluate("document.readyState").asText())) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("page " + url + " did not finish loading within " + TIMEOUT.toSeconds() + " s");
            }
            Thread.onSpinWait();
        }
    }

    /**
     * Evaluates {@code expression} in the page (awaiting it when it is a promise) and returns its value as
     * JSON; a thrown exception becomes an AssertionError carrying its message.
     */
    public JsonNode evaluate(String expression) {
        JsonNode result = devTools.send(sessionId, "Runtime.evaluate",
                Map.of("expression", expression, "awaitPromise", true, "returnByValue", true), TIMEOUT);
        if (result.has("exceptionDetails")) {
            JsonNode details = result.get("exceptionDetails");
            JsonNode exception = details.get("exception");
            throw new AssertionError("the page threw: " + (exception != null && exception.has("description")
                    ? exception.get("description").asText() : details.toString()));
        }
        JsonNode value = result.get("result").get("value");
        return value == null ? com.fasterxml.jackson.databind.node.NullNode.getInstance() : value;
    }

    /** Reloads the page at its current address (what a user's F5 does) and waits until it is ready again. */
    public void reload() {
        // Marks the old document, so the wait below cannot mistake it for the reloaded one.
        String url = evaluate("window.__beforeReload = true; location.href").asText();
        navigate(url);
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (evaluate("window.__beforeReload === true || document.readyState !== 'complete'").asBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("page " + url + " did not reload within " + TIMEOUT.toSeconds() + " s");
            }
            Thread.onSpinWait();
        }
    }

    /** Sizes the page's viewport to {@code width} x {@code height} CSS pixels, as a browser window of that size would. */
    public void viewport(int width, int height) {
        devTools.send(sessionId, "Emulation.setDeviceMetricsOverride",
                Map.of("width", width, "height", height, "deviceScaleFactor", 1, "mobile", false), TIMEOUT);
    }

    /** Saves a PNG of what the page shows now to {@code file}, creating its directory. */
    public void screenshot(Path file) {
        JsonNode shot = devTools.send(sessionId, "Page.captureScreenshot", Map.of("format", "png"), TIMEOUT);
        try {
            if (file.getParent() != null) {
                Files.createDirectories(file.getParent());
            }
            Files.write(file, Base64.getDecoder().decode(shot.get("data").asText()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the screenshot " + file, e);
        }
    }

    /** Closes the tab. */
    public void close() {
        devTools.send(null, "Target.closeTarget", Map.of("targetId", targetId), TIMEOUT);
    }
}
