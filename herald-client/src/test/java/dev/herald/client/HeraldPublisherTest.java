package dev.herald.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.herald.testkit.RecordedRequest;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The publisher against a JDK HTTP server playing the hub: the form it posts, and how refusals surface. */
class HeraldPublisherTest {

    private final BlockingQueue<RecordedRequest> requests = new LinkedBlockingQueue<>();
    private HttpServer hub;
    private volatile int answerStatus = 200;
    private volatile String answerBody = "urn:uuid:1234\n";
    private volatile Map<String, String> answerHeaders = Map.of();
    private HeraldPublisher publisher;

    @BeforeEach
    void startHub() throws IOException {
        hub = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        hub.createContext("/.well-known/mercure", this::answer);
        hub.start();
        publisher = HeraldPublisher.to(URI.create("http://127.0.0.1:" + hub.getAddress().getPort()
                + "/.well-known/mercure")).withToken("header.payload.signature");
    }

    @AfterEach
    void stopHub() {
        hub.stop(0);
    }

    private void answer(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        Map<String, List<String>> headers = new java.util.HashMap<>();
        exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(), values));
        requests.add(new RecordedRequest(exchange.getRequestMethod(), exchange.getRequestURI().toString(), headers, body));
        answerHeaders.forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
        byte[] bytes = answerBody.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "text/plain");
        exchange.sendResponseHeaders(answerStatus, bytes.length == 0 ? -1 : bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    private RecordedRequest takeRequest() throws InterruptedException {
        RecordedRequest request = requests.poll(5, TimeUnit.SECONDS);
        assertThat(request).as("a request reached the hub").isNotNull();
        return request;
    }

    @Test
    void aTopicAndDataArePublishedAsAPlainUpdate() throws Exception {
        assertThat(publisher.publish("/orders/42", "{\"id\":42}")).isEqualTo("urn:uuid:1234");
        assertThat(takeRequest().body()).contains("topic=%2Forders%2F42").contains("data=%7B%22id%22%3A42%7D")
                .doesNotContain("id=").doesNotContain("type=").doesNotContain("private=");
    }

    @Test
    void aTokenSupplierIsAskedForEachPublish() throws Exception {
        java.util.Iterator<String> tokens = List.of("first.token.sig", "second.token.sig").iterator();
        HeraldPublisher renewing = publisher.withTokens(tokens::next);
        renewing.publish("/a", "1");
        renewing.publish("/a", "2");
        assertThat(takeRequest().headers().get("authorization")).containsExactly("Bearer first.token.sig");
        assertThat(takeRequest().headers().get("authorization")).containsExactly("Bearer second.token.sig");
    }

    @Test
    void aSuppliedTokenThatCouldInjectAHeaderIsRefusedBeforeSending() {
        assertThatThrownBy(() -> publisher.withTokens(() -> "a\r\nX-Evil: 1").publish("/a", "1"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("printable ASCII");
        assertThat(requests).isEmpty();
    }

    @Test
    void publishPostsTheMercureFormWithTheTokenAndReturnsTheHubsId() throws Exception {
        Update update = Update.of("https://example.com/books/1", "line 1\nline 2 & more=yes")
                .andTopic("news").withId("book-1").withType("update").withRetry(Duration.ofSeconds(3)).asPrivate();

        String id = publisher.publish(update);

        assertThat(id).isEqualTo("urn:uuid:1234");
        RecordedRequest request = takeRequest();
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.header("Content-Type")).isEqualTo("application/x-www-form-urlencoded");
        assertThat(request.header("Authorization")).isEqualTo("Bearer header.payload.signature");
        assertThat(request.formValues("topic")).containsExactly("https://example.com/books/1", "news");
        assertThat(request.formValues("data")).containsExactly("line 1\nline 2 & more=yes");
        assertThat(request.formValues("id")).containsExactly("book-1");
        assertThat(request.formValues("type")).containsExactly("update");
        assertThat(request.formValues("retry")).containsExactly("3000");
        assertThat(request.formValues("private")).containsExactly("on");
    }

    @Test
    void aPlainUpdateSendsOnlyItsTopicAndData() throws Exception {
        publisher.publish(Update.of("news", "hello"));

        RecordedRequest request = takeRequest();
        assertThat(request.body()).isEqualTo("topic=news&data=hello");
    }

    @Test
    void aPublisherWithoutTokenSendsNoAuthorization() throws Exception {
        HeraldPublisher anonymous = HeraldPublisher.to(URI.create("http://127.0.0.1:" + hub.getAddress().getPort()
                + "/.well-known/mercure"));

        anonymous.publish(Update.of("news", "hello"));

        assertThat(takeRequest().header("Authorization")).isNull();
    }

    @ParameterizedTest
    @CsvSource({
        "400, BAD_REQUEST, false",
        "401, UNAUTHORIZED, false",
        "403, FORBIDDEN, false",
        "413, PAYLOAD_TOO_LARGE, false",
        "429, TOO_MANY_REQUESTS, true",
        "503, UNAVAILABLE, true",
        "500, UNEXPECTED, false"})
    void aRefusalBecomesAPublishExceptionWithTheStatusTheReasonAndAdvice(int status, PublishException.Kind kind,
            boolean retryable) throws Exception {
        answerStatus = status;
        answerBody = "topic \"x\" is not allowed by the token\nstack trace the hub should not send";

        PublishException e = catchThrowableOfType(PublishException.class, () -> publisher.publish(Update.of("x", "d")));

        assertThat(e.status()).isEqualTo(status);
        assertThat(e.kind()).isEqualTo(kind);
        assertThat(e.isRetryable()).isEqualTo(retryable);
        assertThat(e.reason()).isEqualTo("topic \"x\" is not allowed by the token");
        assertThat(e.getMessage()).startsWith("HTTP " + status).contains(e.reason()).doesNotContain("stack trace");
    }

    @Test
    void tooManyRequestsCarriesTheHubsRetryAfter() {
        answerStatus = 429;
        answerBody = "publish rate exceeded";
        answerHeaders = Map.of("Retry-After", "7");

        PublishException e = catchThrowableOfType(PublishException.class, () -> publisher.publish(Update.of("x", "d")));

        assertThat(e.retryAfter()).contains(Duration.ofSeconds(7));
        assertThat(e.headers().firstValue("Retry-After")).contains("7");
    }

    @Test
    void aRefusalWithoutBodyStillSaysWhatHappened() {
        answerStatus = 401;
        answerBody = "";

        PublishException e = catchThrowableOfType(PublishException.class, () -> publisher.publish(Update.of("x", "d")));

        assertThat(e.reason()).isEmpty();
        assertThat(e.getMessage()).isEqualTo("HTTP 401: " + "the hub did not accept the token; send a JWT signed"
                + " with the hub's publisher key and not expired");
    }

    @Test
    void anUnreachableHubIsAnIoFailureNotARefusal() {
        hub.stop(0);

        assertThatThrownBy(() -> publisher.publish(Update.of("x", "d")))
                .isInstanceOf(ConnectException.class)
                .isNotInstanceOf(PublishException.class);
    }

    @Test
    void aTokenThatCouldInjectHeadersIsRejected() {
        assertThatThrownBy(() -> publisher.withToken("abc\r\nX-Evil: 1")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("jwt");
    }
}
