package dev.herald.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.sse.MessageEvent;
import dev.herald.testkit.SseRecorder;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The applications are served when on, absent when off ({@code --no-apps}), and never in the hub's way. */
class AppsTest {

    @Test
    void theHomePageAndEachApplicationsPageAreServedFromTheClasspath() {
        try (HeraldFixture hub = HeraldFixture.start(HeraldFixture.base().withApps(true))) {
            HttpResponse<String> home = hub.get("/");
            assertThat(home.statusCode()).isEqualTo(200);
            assertThat(home.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
            assertThat(home.body()).contains("Server-Sent Events hub").contains("/chat/").contains("/prices/")
                    .contains("/upload/").contains("/notifications/").contains("/ui/");
            for (String page : new String[] {"/chat/", "/prices/", "/ui/", "/seed/"}) {
                assertThat(hub.get(page).statusCode()).as(page).isEqualTo(200);
            }
            assertThat(hub.get("/style.css").headers().firstValue("Content-Type"))
                    .hasValueSatisfying(type -> assertThat(type).startsWith("text/css"));
            HttpResponse<String> bare = hub.get("/chat");
            assertThat(bare.statusCode()).isEqualTo(302);
            assertThat(bare.headers().firstValue("Location")).hasValue("/chat/");
            assertThat(hub.get("/no-such-page.html").statusCode()).isEqualTo(404);
            assertThat(hub.get("/api/notify").statusCode()).as("a GET to a POST-only route is still 405").isEqualTo(405);
            assertThat(hub.get("/.well-known/mercure/nothing").statusCode()).isEqualTo(404);
        }
    }

    @Test
    void theHomePagesCountersAreAStreamOfStatsEvents() {
        try (HeraldFixture hub = HeraldFixture.start(HeraldFixture.base().withApps(true));
             SseRecorder stats = SseRecorder.open(hub.http, hub.uri("/api/stats"), Map.of())) {
            MessageEvent first = stats.next();
            assertThat(first.type()).isEqualTo("stats");
            assertThat(first.data()).contains("\"connections\":").contains("\"subscriptions\":1")
                    .contains("\"updatesPerSecond\":").contains("\"updates\":");
        }
    }

    @Test
    void withAppsOffTheirRoutesAndPagesAnswer404AndTheHubWorksAsBefore() {
        try (HeraldFixture hub = HeraldFixture.start(HeraldFixture.base().withApps(false))) {
            for (String path : new String[] {"/", "/index.html", "/style.css", "/chat/", "/chat", "/prices/", "/ui/",
                    "/seed/", "/api/chat?message=hi", "/api/prices?symbols=AAPL", "/api/stats"}) {
                assertThat(hub.get(path).statusCode()).as(path).isEqualTo(404);
            }
            try (SseRecorder books = hub.subscribe("/books/{id}")) {
                assertThat(books.status()).as("the stream opened, so its subscription is registered").isEqualTo(200);
                String id = hub.publish("/books/1", "still a hub");
                assertThat(books.next().lastEventId()).isEqualTo(id);
            }
        }
    }

    @Test
    void serverConfigDefaultsLeaveTheApplicationsOffForEmbeddingPrograms() {
        assertThat(ServerConfig.defaults("127.0.0.1", 0).apps()).isFalse();
        assertThat(ServerConfig.defaults("127.0.0.1", 0).withApps(true).apps()).isTrue();
    }
}
