package dev.herald.testkit.browser;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * A real headless Chromium (Debian's {@code chromium}) for browser tests, driven over the Chrome DevTools
 * protocol: {@link #launch(String...)} starts it with a fresh profile, {@link #open(String)} opens a tab.
 *
 * <p>When no browser is installed the tests that need it are skipped with a loud notice, except on CI
 * (the {@code CI} environment variable is set), where a missing browser fails them: CI must not go green
 * by skipping. The binary is {@code $CHROMIUM}, else {@code chromium} on the PATH; nothing is ever
 * downloaded.
 */
public final class Chromium implements AutoCloseable {

    /** The flags every launch uses: headless, no sandbox (root in containers), no background traffic. */
    public static final List<String> BASE_FLAGS = List.of("--headless", "--no-sandbox", "--disable-gpu",
            "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
            "--disable-sync", "--disable-dev-shm-usage", "--remote-debugging-address=127.0.0.1",
            "--remote-debugging-port=0");

    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);

    private final Process process;
    private final Path profile;
    private final DevToolsConnection devTools;

    private Chromium(Process process, Path profile, DevToolsConnection devTools) {
        this.process = process;
        this.profile = profile;
        this.devTools = devTools;
    }

    /**
     * Starts a headless Chromium with a fresh profile and {@code extraFlags} (for example
     * {@code --ignore-certificate-errors} for a self-signed test server). Skips the calling test when no
     * browser is installed, or fails it on CI.
     */
    public static Chromium launch(String... extraFlags) {
        Path binary = binary();
        try {
            Path profile = Files.createTempDirectory("herald-chromium-");
            List<String> command = new ArrayList<>();
            command.add(binary.toString());
            command.addAll(BASE_FLAGS);
            command.add("--user-data-dir=" + profile);
            command.addAll(List.of(extraFlags));
            command.add("about:blank");
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(profile.resolve("chromium.log").toFile())
                    .start();
            URI endpoint = awaitDevToolsEndpoint(process, profile);
            return new Chromium(process, profile, DevToolsConnection.open(endpoint));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + binary, e);
        }
    }

    /** Opens a new tab on {@code url} and waits for it to load. */
    public BrowserPage open(String url) {
        return open(url, null);
    }

    /**
     * A new browser context: like a separate browser profile (its own cookies and storage), sharing this
     * process. Pass it to {@link #open(String, String)}.
     */
    public String newContext() {
        return devTools.send(null, "Target.createBrowserContext", Map.of(), START_TIMEOUT).get("browserContextId").asText();
    }

    /** Opens a new tab on {@code url} in {@code browserContextId} (null: the default context) and waits for it to load. */
    public BrowserPage open(String url, String browserContextId) {
        Map<String, Object> params = browserContextId == null ? Map.of("url", "about:blank")
                : Map.of("url", "about:blank", "browserContextId", browserContextId);
        JsonNode target = devTools.send(null, "Target.createTarget", params, START_TIMEOUT);
        String targetId = target.get("targetId").asText();
        JsonNode session = devTools.send(null, "Target.attachToTarget",
                Map.of("targetId", targetId, "flatten", true), START_TIMEOUT);
        BrowserPage page = new BrowserPage(devTools, targetId, session.get("sessionId").asText());
        page.navigate(url);
        return page;
    }

    /** Stops the browser and deletes its profile. */
    @Override
    public void close() {
        devTools.close();
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try (Stream<Path> files = Files.walk(profile)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException | UncheckedIOException ignored) {
            // Browser helper processes may still be writing as they exit; a leftover temporary profile is
            // not worth failing a test for.
        }
    }

    /** The browser binary, or a skip (a failure on CI) saying how to install it. */
    static Path binary() {
        return binary(System.getenv());
    }

    /** {@link #binary()} reading {@code env} instead of the process environment. */
    static Path binary(Map<String, String> env) {
        String configured = env.get("CHROMIUM");
        List<Path> candidates = new ArrayList<>();
        if (configured != null && !configured.isBlank()) {
            candidates.add(Path.of(configured));
        }
        for (String dir : env.getOrDefault("PATH", "/usr/bin").split(java.io.File.pathSeparator)) {
            candidates.add(Path.of(dir, "chromium"));
        }
        for (Path candidate : candidates) {
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        String message = "headless Chromium is not installed (looked for $CHROMIUM and 'chromium' on the PATH);"
                + " install it with: apt-get update && apt-get install -y chromium chromium-driver";
        if (env.get("CI") != null) {
            throw new AssertionError("CI is set, so browser tests must run: " + message);
        }
        System.err.println("\n*** SKIPPING BROWSER TESTS: " + message + " ***\n");
        Assumptions.abort("SKIPPED: " + message);
        throw new IllegalStateException("unreachable");
    }

    /** Chromium writes its DevTools port and browser path into the profile once it listens. */
    private static URI awaitDevToolsEndpoint(Process process, Path profile) throws IOException {
        Path portFile = profile.resolve("DevToolsActivePort");
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError("chromium exited with status " + process.exitValue() + ": "
                        + Files.readString(profile.resolve("chromium.log")));
            }
            if (Files.exists(portFile)) {
                List<String> lines = Files.readAllLines(portFile);
                if (lines.size() >= 2) {
                    return URI.create("ws://127.0.0.1:" + lines.get(0).trim() + lines.get(1).trim());
                }
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while starting chromium", e);
            }
        }
        process.destroyForcibly();
        throw new AssertionError("chromium did not open its DevTools port within " + START_TIMEOUT.toSeconds() + " s");
    }
}
