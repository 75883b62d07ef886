package dev.herald.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.server.internal.apps.ChatGenerator;
import dev.herald.testkit.Await;
import dev.herald.testkit.browser.BrowserPage;
import dev.herald.testkit.browser.Chromium;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The applications' pages in a real headless Chromium against a real Herald: the home page's live counters,
 * the chat (tokens in order, a reload mid-answer resuming without gap or repeat, Stop), the prices table, and
 * the console (subscribe, then publish from the form). Each test saves a screenshot under
 * {@code target/screenshots/}.
 */
class AppsBrowserTest {

    static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static final Duration ANSWER = Duration.ofSeconds(30);

    static Chromium chromium;
    static HeraldFixture hub;
    private BrowserPage page;

    @BeforeAll
    static void launch() {
        chromium = Chromium.launch();
        hub = HeraldFixture.start(HeraldFixture.base().withApps(true));
    }

    @AfterAll
    static void close() {
        if (hub != null) {
            hub.close();
        }
        if (chromium != null) {
            chromium.close();
        }
    }

    @AfterEach
    void closePage() {
        if (page != null) {
            // Tabs share the browser's six connections per host: close each test's streams.
            page.close();
        }
    }

    private BrowserPage open(String path) {
        return open(path, 820);
    }

    private BrowserPage open(String path, int height) {
        page = chromium.open(hub.uri(path).toString());
        page.viewport(1200, height);
        return page;
    }

    private String text(String selector) {
        return page.evaluate("(document.querySelector(" + js(selector) + ") || {}).textContent || ''").asText();
    }

    private void awaitTrue(Duration timeout, String expression, String what) {
        Await.until(timeout, () -> page.evaluate(expression).asBoolean(), () -> what + " (" + expression + "); the page: "
                + page.evaluate("location.href + ' | ' + (document.querySelector('.status') || {}).textContent"
                + " + ' | ' + sessionStorage.getItem('herald.chat')").asText());
    }

    private static String js(String text) {
        return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }

    private void ask(String message) {
        page.evaluate("document.getElementById('message').value = " + js(message)
                + "; document.getElementById('ask').requestSubmit(); true");
    }

    private String answerText() {
        return text(".bubble.assistant:last-of-type .answer-text");
    }

    @Test
    void theHomePageShowsLiveCountersFedByItsOwnEventStream() {
        open("/");
        awaitTrue(Await.DEFAULT, "/^[0-9]+$/.test(document.getElementById('connections').textContent)", "the counters to fill");
        assertThat(Integer.parseInt(text("#subscriptions"))).isGreaterThanOrEqualTo(1);
        assertThat(text("#stats-status")).isEqualTo("live");
        page.screenshot(SCREENSHOTS.resolve("home.png"));
    }

    @Test
    void aChatAnswerReloadedMidwayContinuesWithoutAGapOrARepeat() {
        String message = "How does Herald resume a stream?";
        open("/chat/");
        ask(message);
        awaitTrue(ANSWER, "document.querySelector('.bubble.assistant:last-of-type .answer-text').textContent.split(' ').length >= 8",
                "a few tokens on the page");
        String before = answerText();
        assertThat(ChatGenerator.answer(message)).startsWith(before).isNotEqualTo(before);
        assertThat(page.evaluate("location.search").asText()).startsWith("?answer=c");

        page.reload();

        assertThat(answerText()).as("restored at once from the page's storage").startsWith(before);
        awaitTrue(ANSWER, "document.getElementById('status').textContent === 'done'", "the answer to end with [DONE]");
        assertThat(answerText()).isEqualTo(ChatGenerator.answer(message));
        assertThat(page.evaluate("location.search").asText()).as("no answer left to resume").isEmpty();
        page.screenshot(SCREENSHOTS.resolve("chat.png"));
    }

    @Test
    void stopEndsTheAnswerEarly() {
        String message = "Please stop me early";
        open("/chat/");
        ask(message);
        awaitTrue(ANSWER, "!document.getElementById('stop').disabled && "
                + "document.querySelector('.bubble.assistant:last-of-type .answer-text').textContent.length > 0", "the first tokens");

        page.evaluate("document.getElementById('stop').click(); true");

        awaitTrue(ANSWER, "document.getElementById('status').textContent === 'stopped'", "the stream to end after Stop");
        String full = ChatGenerator.answer(message);
        assertThat(full).startsWith(answerText());
        assertThat(answerText()).isNotEqualTo(full);
        assertThat(text(".bubble.assistant:last-of-type .note")).isEqualTo("stopped");
    }

    @Test
    void thePricesTableUpdatesLive() {
        open("/prices/");
        awaitTrue(Await.DEFAULT, "document.querySelectorAll('#ticker tbody tr').length === 8", "a row per symbol");
        awaitTrue(Await.DEFAULT, "Number(document.querySelector('tr[data-symbol=BTC] .count').textContent) >= 3",
                "BTC to move a few times");
        String first = text("tr[data-symbol=AAPL] .price");
        awaitTrue(Await.DEFAULT, "document.querySelector('tr[data-symbol=AAPL] .price').textContent !== " + js(first),
                "AAPL's price to change from " + first);
        assertThat(text("#status")).isEqualTo("live");
        page.screenshot(SCREENSHOTS.resolve("prices.png"));
    }

    @Test
    void theConsoleShowsAnEventPublishedFromItsOwnForm() {
        open("/ui/", 1250);
        page.evaluate("document.getElementById('sub-topics').value = '/books/{id}';"
                + "document.getElementById('subscribe').requestSubmit(); true");
        awaitTrue(Await.DEFAULT, "document.getElementById('sub-status').textContent === 'subscribed'", "the subscription");

        page.evaluate("document.getElementById('pub-topics').value = '/books/1';"
                + "document.getElementById('pub-data').value = '{\"title\":\"Dune\"}';"
                + "document.getElementById('pub-id').value = 'console-1';"
                + "document.getElementById('pub-type').value = 'bookUpdated';"
                + "document.getElementById('pub-token').value = " + js(HeraldFixture.publisherToken()) + ";"
                + "document.getElementById('publish').requestSubmit(); true");

        awaitTrue(Await.DEFAULT, "document.querySelectorAll('#events tbody tr').length === 1", "the event in the table");
        assertThat(text("#events tbody tr td.id")).isEqualTo("console-1");
        assertThat(text("#events tbody tr td.type")).isEqualTo("bookUpdated");
        assertThat(text("#events tbody tr td.data")).isEqualTo("{\"title\":\"Dune\"}");
        assertThat(text("#raw")).contains("event: bookUpdated\nid: console-1\ndata: {\"title\":\"Dune\"}\n");
        assertThat(text("#pub-result")).isEqualTo("published: console-1");
        page.screenshot(SCREENSHOTS.resolve("console.png"));
    }

    @Test
    void theConsoleShowsTheHubsReasonWhenAPublishIsRefused() {
        open("/ui/");
        page.evaluate("document.getElementById('pub-token').value = '';"
                + "document.getElementById('publish').requestSubmit(); true");
        awaitTrue(Await.DEFAULT, "document.getElementById('pub-result').textContent.startsWith('401')", "the refusal");
    }

    @Test
    void theSeedArticlesOwnSnippetsWorkUnchanged() {
        open("/seed/");

        // 4.1: /api/events, its notification and priceUpdate listeners.
        page.evaluate("window.seed41 = runSeed41(); true");
        awaitTrue(Await.DEFAULT, "seed41.eventSource.readyState === EventSource.OPEN", "4.1's stream to open");
        hub.send(HttpRequest.newBuilder(hub.uri("/api/notify")).header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + HeraldFixture.publisherToken())
                .POST(HttpRequest.BodyPublishers.ofString("{\"message\":\"hello from the test\"}")).build());
        hub.publishForm(HeraldFixture.publisherToken(), "topic", "/api/events", "type", "priceUpdate",
                "data", "{\"symbol\":\"AAPL\",\"price\":190.5}");
        awaitTrue(Await.DEFAULT, "seed41Notifications.includes('hello from the test')", "showNotification to be called");
        awaitTrue(Await.DEFAULT, "seed41Prices.some(p => p.symbol === 'AAPL' && p.price === 190.5)", "updateStockPrice to be called");
        page.evaluate("seed41.disconnect(); true");

        // 5.1: the chat answer, token by token, closed at [DONE].
        page.evaluate("window.seed51 = runSeed51('What is SSE?'); true");
        awaitTrue(ANSWER, "seed51.readyState === EventSource.CLOSED", "5.1's client to close at [DONE]");
        assertThat(page.evaluate("seed51Text").asText()).isEqualTo(ChatGenerator.answer("What is SSE?"));

        // 5.2: priceUpdate events for the three symbols it asks for.
        page.evaluate("window.seed52 = runSeed52(); true");
        awaitTrue(Await.DEFAULT, "['AAPL', 'GOOGL', 'BTC'].every(s => s in seed52Prices) && seed52Count > 6",
                "updatePriceDisplay for AAPL, GOOGL and BTC, live");
        assertThat(page.evaluate("Object.keys(seed52Prices).sort().join()").asText()).isEqualTo("AAPL,BTC,GOOGL");
        assertThat(page.evaluate("typeof seed52Prices.BTC.change").asText()).isEqualTo("number");
        page.evaluate("seed52.close(); true");
        page.screenshot(SCREENSHOTS.resolve("seed.png"));
    }
}
