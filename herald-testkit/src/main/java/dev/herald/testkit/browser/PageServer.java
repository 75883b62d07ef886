package dev.herald.testkit.browser;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * A web origin for browser tests: serves one HTML page on a random loopback port, so a test can have
 * pages on allowed and on foreign origins ({@code http://localhost:PORT}).
 */
public final class PageServer implements AutoCloseable {

    private final HttpServer server;

    private PageServer(String html) {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        byte[] body = html.getBytes(StandardCharsets.UTF_8);
        server.createContext("/", exchange -> {
            exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
            exchange.sendResponseHeaders(exchange.getRequestURI().getPath().equals("/") ? 200 : 404, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
    }

    /** Serves {@code html} at {@code /}. */
    public static PageServer serving(String html) {
        return new PageServer(html);
    }

    /** A blank page. */
    public static PageServer blank() {
        return serving("<!doctype html><html><head><title>herald test page</title></head><body></body></html>");
    }

    /** The origin pages are served from, as browsers send it in the Origin header. */
    public String origin() {
        return "http://localhost:" + server.getAddress().getPort();
    }

    /** The URL of the page. */
    public String url() {
        return origin() + "/";
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
