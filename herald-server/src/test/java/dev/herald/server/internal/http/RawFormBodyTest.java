package dev.herald.server.internal.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A form the endpoint decodes itself reaches it raw: Vert.x does not decode it first, and the body limit still holds. */
class RawFormBodyTest {

    private static final int LIMIT = 1000;

    private Vertx vertx;
    private HttpServer server;

    @BeforeEach
    void start() throws Exception {
        vertx = Vertx.vertx();
        Router router = Router.router(vertx);
        router.post("/form").handler(HttpRoutes.rawFormBody(BodyHandler.create(false).setBodyLimit(LIMIT)))
                .handler(ctx -> ctx.response().end("fields decoded by Vert.x: " + ctx.request().formAttributes().size()
                        + ", body: " + ctx.body().asString()));
        server = vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1")
                .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @AfterEach
    void stop() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void theFormArrivesAsItsRawBodyWithoutVertxDecodingIt() throws Exception {
        for (int i = 0; i < 3; i++) {
            HttpResponse<String> response = post(HttpRequest.BodyPublishers.ofString("topic=%2Fa&data=x" + i));
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).isEqualTo("fields decoded by Vert.x: 0, body: topic=%2Fa&data=x" + i);
        }
    }

    @Test
    void aBodyOverTheLimitIsStillRefusedWith413() throws Exception {
        assertThat(post(HttpRequest.BodyPublishers.ofString("data=" + "x".repeat(LIMIT))).statusCode()).isEqualTo(413);
        // Without a Content-Length (chunked), the limit is found while the body streams in.
        HttpRequest.BodyPublisher chunked = HttpRequest.BodyPublishers.fromPublisher(
                HttpRequest.BodyPublishers.ofString("data=" + "x".repeat(LIMIT)));
        assertThat(post(chunked).statusCode()).isEqualTo(413);
    }

    private HttpResponse<String> post(HttpRequest.BodyPublisher body) throws Exception {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.actualPort() + "/form"))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(body).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
