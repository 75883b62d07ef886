package dev.herald.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.herald.testkit.SseRecorder;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code GET /herald/stats} on a single node: its own counts are the totals, and only full publishers may look. */
class StatsEndpointTest {

    private final HeraldFixture hub = HeraldFixture.start();

    @AfterEach
    void stop() {
        hub.close();
    }

    private HttpResponse<String> stats(String token, String query) {
        HttpRequest.Builder request = HttpRequest.newBuilder(hub.uri("/herald/stats" + query));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return hub.send(request.build());
    }

    @Test
    void statsNeedAPublisherAllowedEveryTopicBecauseSelectorsCanNameUsers() {
        assertThat(stats(null, "").statusCode()).isEqualTo(401);
        assertThat(stats(HeraldFixture.token(List.of("/books/{id}"), List.of()), "").statusCode()).isEqualTo(403);
        assertThat(stats(HeraldFixture.publisherToken(), "").statusCode()).isEqualTo(200);
    }

    @Test
    void aSingleNodesTotalsAreItsOwnLiveCounts() throws Exception {
        try (SseRecorder books = hub.subscribe("/books/{id}", "/books/1"); SseRecorder all = hub.subscribe("*")) {
            assertThat(books.status()).isEqualTo(200);
            assertThat(all.status()).isEqualTo(200);

            HttpResponse<String> response = stats(HeraldFixture.publisherToken(), "?topic=" + URLEncoder.encode("/books/1", StandardCharsets.UTF_8));
            JsonNode stats = new ObjectMapper().readTree(response.body());

            assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
            assertThat(stats.at("/node/connections").asInt()).isEqualTo(2);
            assertThat(stats.at("/node/subscriptions/~1books~1{id}").asInt()).isEqualTo(1);
            assertThat(stats.at("/node/subscriptions/*").asInt()).isEqualTo(1);
            assertThat(stats.at("/cluster/nodes").asInt()).isEqualTo(1);
            assertThat(stats.at("/cluster/connections").asInt()).isEqualTo(2);
            assertThat(stats.at("/topic/cluster").asInt()).as("each subscription once").isEqualTo(2);
        }
    }

    @Test
    void aTopicParameterWithAControlCharacterIsRejected() {
        HttpResponse<String> response = stats(HeraldFixture.publisherToken(), "?topic=%0A");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("topic parameter");
    }
}
