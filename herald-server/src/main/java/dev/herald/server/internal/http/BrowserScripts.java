package dev.herald.server.internal.http;

import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Serves the browser helper {@code /herald.js} (an ES module wrapping {@code EventSource}) and the
 * SharedWorker it starts, {@code /herald-worker.js}, from the classpath: two fixed routes, not a static
 * file handler, so they are there whatever else is served.
 */
public final class BrowserScripts {

    /** The helper module. */
    public static final String SCRIPT_PATH = "/herald.js";
    /** The SharedWorker holding one connection per distinct subscription for all tabs of an origin. */
    public static final String WORKER_PATH = "/herald-worker.js";

    static final String CONTENT_TYPE = "text/javascript; charset=utf-8";
    /** Short enough that an upgraded hub's script is picked up soon; the ETag makes revalidation cheap. */
    static final String CACHE_CONTROL = "public, max-age=300";

    private BrowserScripts() {
    }

    /** Adds both routes to {@code router}. */
    public static void mount(Router router) {
        Script script = Script.load("herald/herald.js");
        Script worker = Script.load("herald/herald-worker.js");
        router.get(SCRIPT_PATH).handler(script::serve);
        router.get(WORKER_PATH).handler(worker::serve);
    }

    private record Script(Buffer body, String etag) {

        static Script load(String resource) {
            try (InputStream in = BrowserScripts.class.getClassLoader().getResourceAsStream(resource)) {
                if (in == null) {
                    throw new IllegalStateException("the server jar lacks " + resource + "; rebuild it");
                }
                byte[] bytes = in.readAllBytes();
                return new Script(Buffer.buffer(bytes), '"' + HexFormat.of().formatHex(sha256(bytes), 0, 16) + '"');
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + resource + " from the classpath", e);
            }
        }

        void serve(RoutingContext ctx) {
            var response = ctx.response()
                    .putHeader("Content-Type", CONTENT_TYPE)
                    .putHeader("Cache-Control", CACHE_CONTROL)
                    .putHeader("ETag", etag)
                    .putHeader("X-Content-Type-Options", "nosniff");
            if (response.headers().get("Access-Control-Allow-Origin") == null) {
                // Public code, fetched without credentials: any page may import it as a module.
                response.putHeader("Access-Control-Allow-Origin", "*");
            }
            if (etag.equals(ctx.request().getHeader("If-None-Match"))) {
                response.setStatusCode(304).end();
            } else {
                response.end(body);
            }
        }

        private static byte[] sha256(byte[] bytes) {
            try {
                return MessageDigest.getInstance("SHA-256").digest(bytes);
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("the JDK lacks SHA-256", e);
            }
        }
    }
}
