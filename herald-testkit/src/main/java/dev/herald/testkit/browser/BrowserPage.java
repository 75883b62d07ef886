package dev.herald.testkit.browser;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Map;

/** One tab of a {@link Chromium}: navigate it and evaluate JavaScript in it. */
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

    /** Closes the tab. */
    public void close() {
        devTools.send(null, "Target.closeTarget", Map.of("targetId", targetId), TIMEOUT);
    }
}
