package dev.herald.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.testkit.Await;
import dev.herald.testkit.browser.BrowserPage;
import dev.herald.testkit.browser.Chromium;
import dev.herald.testkit.browser.PageServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code /herald.js} in a real Chromium: ten tabs of one origin on plain HTTP/1.1 share ONE event stream
 * (the seed's section 6 limit of six connections per host, solved in the client), through the SharedWorker
 * and through the leader-tab fallback, and every tab receives every update.
 */
class HeraldJsTest {

    static final int TABS = 10;
    static final String TOPIC = "/tabs/{n}";

    static Chromium chromium;

    @BeforeAll
    static void launch() {
        chromium = Chromium.launch();
    }

    @AfterAll
    static void close() {
        if (chromium != null) {
            chromium.close();
        }
    }

    @Test
    void tenTabsShareOneStreamThroughTheSharedWorkerAndTheLastTabClosesIt() {
        try (HeraldFixture hub = HeraldFixture.start()) {
            List<BrowserPage> tabs = openTabs(hub, "worker");
            assertThat(modes(tabs)).containsOnly("worker");
            assertThat(hub.server.hub().subscriberCount()).as("streams the hub sees for " + TABS + " tabs").isEqualTo(1);

            List<String> published = publish(hub, "first", 20);
            awaitEveryTabReceived(tabs, published);

            tabs.subList(0, TABS - 1).forEach(BrowserPage::close);
            BrowserPage last = tabs.get(TABS - 1);
            published.addAll(publish(hub, "after nine closed", 3));
            awaitEveryTabReceived(List.of(last), published);
            assertThat(hub.server.hub().subscriberCount()).isEqualTo(1);

            last.close();
            Await.until(() -> hub.server.hub().subscriberCount() == 0, "the stream to end with the last tab");
        }
    }

    @Test
    void withoutTheWorkerALeaderTabSharesItsStreamAndAnotherTakesOverWithoutLossWhenItCloses() {
        try (HeraldFixture hub = HeraldFixture.start()) {
            List<BrowserPage> tabs = openTabs(hub, "broadcast");
            Await.until(() -> modes(tabs).contains("leader"), "a leader tab");
            assertThat(modes(tabs)).containsOnlyOnce("leader").containsOnly("leader", "follower");
            assertThat(hub.server.hub().subscriberCount()).as("streams the hub sees for " + TABS + " tabs").isEqualTo(1);

            List<String> published = publish(hub, "first", 20);
            awaitEveryTabReceived(tabs, published);

            BrowserPage leader = tabs.get(modes(tabs).indexOf("leader"));
            leader.close();
            List<BrowserPage> rest = new ArrayList<>(tabs);
            rest.remove(leader);
            // Published while no tab holds the stream, or just after another took it: none may be lost.
            published.addAll(publish(hub, "during the handover", 10));
            Await.until(() -> modes(rest).contains("leader"), "another tab to take the lead");
            assertThat(modes(rest)).containsOnlyOnce("leader");
            awaitEveryTabReceived(rest, published);
            Await.until(() -> statuses(rest).stream().allMatch("open"::equals), "every tab to report the stream open");
            assertThat(hub.server.hub().subscriberCount()).isEqualTo(1);

            rest.forEach(BrowserPage::close);
            Await.until(() -> hub.server.hub().subscriberCount() == 0, "the stream to end with the last tab");
        }
    }

    @Test
    void anExpiredTokenIsRenewedThroughTheTokenFunctionAndTheSharedStreamResumesWithoutLoss() {
        ServerConfig config = HeraldFixture.base().withAnonymous(false)
                .withAuth(HeraldFixture.base().auth().withAnonymous(false).withLeewaySeconds(0));
        try (HeraldFixture hub = HeraldFixture.start(config)) {
            List<BrowserPage> tabs = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                BrowserPage tab = chromium.open("http://127.0.0.1:" + hub.server.port() + "/healthz");
                // The first token of each tab expires in seconds; the renewals last an hour.
                tab.evaluate("""
                        (async () => {
                          const {subscribe} = await import('/herald.js');
                          window.got = [];
                          window.statuses = [];
                          const tokens = ['%s', '%s', '%s'];
                          window.sub = subscribe({topics: ['%s'], shared: 'worker', token: () => tokens.shift(),
                              onMessage: e => window.got.push(e.data), onStatus: s => window.statuses.push(s),
                              onEvent: {auth_required: () => window.statuses.push('auth_required')}});
                        })()""".formatted(subscriberToken(Duration.ofSeconds(3)), subscriberToken(Duration.ofHours(1)),
                        subscriberToken(Duration.ofHours(1)), TOPIC));
                tabs.add(tab);
            }
            Await.until(() -> statuses(tabs).stream().allMatch("open"::equals), "both tabs to report the stream open");
            assertThat(hub.server.hub().subscriberCount()).isEqualTo(1);
            List<String> published = publish(hub, "before expiry", 5);
            awaitEveryTabReceived(tabs, published);

            Await.until(Duration.ofSeconds(15), () -> tabs.stream().allMatch(tab ->
                    tab.evaluate("window.statuses.includes('auth_required')").asBoolean()), () -> "the token to expire");
            published.addAll(publish(hub, "after expiry", 5));
            awaitEveryTabReceived(tabs, published);
            Await.until(() -> statuses(tabs).stream().allMatch("open"::equals), "the stream to be open again");
            for (BrowserPage tab : tabs) {
                // A tab that joined the shared stream after it opened starts at "open".
                assertThat(tab.evaluate("window.statuses.join(' ')").asText())
                        .endsWith("open auth_required reconnecting open");
            }
            assertThat(tabs.stream().map(tab -> tab.evaluate("window.statuses[0]").asText()))
                    .contains("connecting");
            assertThat(hub.server.hub().subscriberCount()).isEqualTo(1);
            tabs.forEach(BrowserPage::close);
        }
    }

    @Test
    void aPageOnAnotherOriginThanTheHubSharesThroughALeaderTabSinceTheWorkerMustBeSameOrigin() {
        try (PageServer app = PageServer.blank();
             HeraldFixture hub = HeraldFixture.start(HeraldFixture.base().withCorsOrigins(List.of(app.origin())))) {
            List<BrowserPage> tabs = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                BrowserPage tab = chromium.open(app.url());
                // The hub defaults to the one that served the module.
                tab.evaluate("""
                        (async () => {
                          const {subscribe} = await import('http://127.0.0.1:%d/herald.js');
                          window.got = [];
                          window.sub = subscribe({topics: ['%s'], onMessage: e => window.got.push(e.data)});
                        })()""".formatted(hub.server.port(), TOPIC));
                tabs.add(tab);
            }
            Await.until(() -> statuses(tabs).stream().allMatch("open"::equals), "every tab to report the stream open");
            assertThat(modes(tabs)).containsOnlyOnce("leader").containsOnly("leader", "follower");
            assertThat(hub.server.hub().subscriberCount()).isEqualTo(1);
            awaitEveryTabReceived(tabs, publish(hub, "cross-origin", 5));
            tabs.forEach(BrowserPage::close);
        }
    }

    private static String subscriberToken(Duration ttl) {
        return TestTokens.token().subscribe(TOPIC).expiresIn(ttl).hs256(HeraldFixture.KEY);
    }

    /** Opens {@link #TABS} tabs on the hub's origin, each subscribing through /herald.js; waits until all report open. */
    private static List<BrowserPage> openTabs(HeraldFixture hub, String shared) {
        List<BrowserPage> tabs = new ArrayList<>();
        for (int i = 0; i < TABS; i++) {
            BrowserPage tab = chromium.open("http://127.0.0.1:" + hub.server.port() + "/healthz");
            tab.evaluate("""
                    (async () => {
                      const {subscribe} = await import('/herald.js');
                      window.got = [];
                      window.statuses = [];
                      window.sub = subscribe({topics: ['%s'], shared: '%s',
                          onMessage: e => window.got.push(e.data), onStatus: s => window.statuses.push(s)});
                    })()""".formatted(TOPIC, shared));
            tabs.add(tab);
        }
        Await.until(() -> statuses(tabs).stream().allMatch("open"::equals), "every tab to report the stream open");
        return tabs;
    }

    private static List<String> modes(List<BrowserPage> tabs) {
        return tabs.stream().map(tab -> tab.evaluate("window.sub.mode").asText()).toList();
    }

    private static List<String> statuses(List<BrowserPage> tabs) {
        return tabs.stream().map(tab -> tab.evaluate("window.sub.status").asText()).toList();
    }

    private static List<String> publish(HeraldFixture hub, String label, int count) {
        List<String> data = new ArrayList<>();
        IntStream.range(0, count).forEach(i -> {
            String text = label + " " + i;
            hub.publish("/tabs/" + i, text);
            data.add(text);
        });
        return data;
    }

    private static void awaitEveryTabReceived(List<BrowserPage> tabs, List<String> published) {
        for (BrowserPage tab : tabs) {
            Await.until(() -> tab.evaluate("window.got.length").asInt() >= published.size(),
                    published.size() + " updates in every tab");
            List<String> got = new ArrayList<>();
            tab.evaluate("window.got").forEach(node -> got.add(node.asText()));
            assertThat(got).as("updates in a tab, in order, once each").containsExactlyElementsOf(published);
        }
    }
}
