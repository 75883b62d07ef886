package dev.herald.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.testkit.Await;
import dev.herald.testkit.browser.BrowserPage;
import dev.herald.testkit.browser.Chromium;
import dev.herald.testkit.browser.PageServer;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Real headless Chromium against a real hub: the cookie flow of the seed's section 7.2 and the
 * six-connection limit of its section 6, with HTTP/2 lifting it.
 */
class BrowserTest {

    static Chromium chromium;
    static PageServer app;
    static PageServer foreign;

    @BeforeAll
    static void launch() {
        chromium = Chromium.launch("--ignore-certificate-errors");
        app = PageServer.blank();
        foreign = PageServer.blank();
    }

    @AfterAll
    static void close() {
        if (chromium != null) {
            chromium.close();
        }
        if (app != null) {
            app.close();
            foreign.close();
        }
    }

    private static HeraldFixture cookieHub() {
        return HeraldFixture.start(HeraldFixture.base().withAnonymous(false).withCorsOrigins(List.of(app.origin())));
    }

    private static String aliceToken() {
        return TestTokens.token().subject("alice").subscribe("/users/{sub}/notifications")
                .expiresIn(Duration.ofMinutes(10)).hs256(HeraldFixture.KEY);
    }

    /** Page script: store the token as the hub's cookie, then open a credentialed EventSource; resolves to how that went. */
    private static String cookieThenEventSource(String hub) {
        return """
                (async () => {
                  window.received = [];
                  let stored;
                  try {
                    const response = await fetch('%1$s/.well-known/mercure/auth', {method: 'POST', credentials: 'include',
                        headers: {Authorization: 'Bearer %2$s'}});
                    stored = 'cookie ' + response.status;
                  } catch (e) {
                    stored = 'cookie refused';
                  }
                  const es = new EventSource('%1$s/.well-known/mercure?topic=' + encodeURIComponent('/users/{user}/notifications'),
                      {withCredentials: true});
                  window.es = es;
                  es.onmessage = e => window.received.push(e.data);
                  const opened = await new Promise(resolve => {
                    es.onopen = () => resolve('open');
                    es.onerror = () => resolve('failed, readyState ' + es.readyState);
                  });
                  return stored + ', stream ' + opened;
                })()""".formatted(hub, aliceToken());
    }

    @Test
    void aPageOnAnAllowedOriginReceivesItsPrivateNotificationsThroughTheCookie() {
        try (HeraldFixture hub = cookieHub()) {
            BrowserPage page = chromium.open(app.url());
            String hubOrigin = "http://localhost:" + hub.server.port();
            assertThat(page.evaluate(cookieThenEventSource(hubOrigin)).asText()).isEqualTo("cookie 204, stream open");
            privately(hub, "alice", "for alice");
            privately(hub, "bob", "for bob");
            hub.publish("/users/alice/notifications", "public marker");
            Await.until(() -> page.evaluate("window.received.length").asInt() >= 2, "two events in the page");
            assertThat(page.evaluate("window.received.join('|')").asText()).isEqualTo("for alice|public marker");
            page.evaluate("window.es.close()");
            page.close();
        }
    }

    @Test
    void aPageOnAnotherOriginCannotReadTheStreamEvenWithTheCookieInTheBrowser() {
        try (HeraldFixture hub = cookieHub()) {
            String hubOrigin = "http://localhost:" + hub.server.port();
            BrowserPage allowed = chromium.open(app.url());
            assertThat(allowed.evaluate(cookieThenEventSource(hubOrigin)).asText()).isEqualTo("cookie 204, stream open");
            allowed.evaluate("window.es.close()");

            BrowserPage intruder = chromium.open(foreign.url());
            String outcome = intruder.evaluate(cookieThenEventSource(hubOrigin)).asText();
            assertThat(outcome).isEqualTo("cookie refused, stream failed, readyState 2");
            privately(hub, "alice", "for alice only");
            hub.publish("/users/alice/notifications", "public marker");
            assertThat(intruder.evaluate("window.received.length").asInt()).isZero();
            allowed.close();
            intruder.close();
        }
    }

    @Test
    void tenStreamsOverHttp2AllReceiveAtOnceWhileHttp11OpensOnlySix() {
        ServerConfig config = HeraldFixture.base().withCorsOrigins(List.of(app.origin()));
        try (HeraldFixture http1 = HeraldFixture.start(config);
             HeraldFixture http2 = HeraldFixture.start(config.withTls(TlsConfig.selfSignedCertificate()))) {
            int[] overHttp1 = tenStreams(http1, "http://localhost:" + http1.server.port(), 6);
            int[] overHttp2 = tenStreams(http2, "https://localhost:" + http2.server.port(), 10);
            System.out.printf("six-connection example: HTTP/1.1 %d of 10 open (%d waiting), %d received;"
                    + " HTTP/2 %d of 10 open, %d received%n",
                    overHttp1[0], overHttp1[1], overHttp1[2], overHttp2[0], overHttp2[2]);
            assertThat(overHttp1).containsExactly(6, 4, 6);
            assertThat(overHttp2).containsExactly(10, 0, 10);
        }
    }

    /** Opens 10 EventSources from one page; returns {open, still connecting, received} once {@code expectOpen} opened and received. */
    private static int[] tenStreams(HeraldFixture hub, String hubOrigin, int expectOpen) {
        BrowserPage page = chromium.open(app.url());
        page.evaluate("""
                (() => {
                  window.opened = 0; window.got = 0; window.streams = [];
                  for (let i = 0; i < 10; i++) {
                    const es = new EventSource('%s/.well-known/mercure?topic=/six&stream=' + i);
                    let seen = false;
                    es.onopen = () => window.opened++;
                    es.onmessage = () => { if (!seen) { seen = true; window.got++; } };
                    window.streams.push(es);
                  }
                })()""".formatted(hubOrigin));
        Await.until(() -> page.evaluate("window.opened").asInt() >= expectOpen, expectOpen + " streams to open");
        // In-process: the publisher is not part of the browser's connection budget being measured.
        hub.server.hub().publish(dev.herald.hub.Update.of("/six", "to every open stream"));
        Await.until(() -> page.evaluate("window.got").asInt() >= expectOpen, expectOpen + " streams to receive");
        int[] counts = {
            page.evaluate("window.streams.filter(s => s.readyState === 1).length").asInt(),
            page.evaluate("window.streams.filter(s => s.readyState === 0).length").asInt(),
            page.evaluate("window.got").asInt()
        };
        page.evaluate("window.streams.forEach(s => s.close())");
        page.close();
        return counts;
    }

    private static void privately(HeraldFixture hub, String user, String text) {
        assertThat(hub.publishForm(HeraldFixture.publisherToken(), "topic", "/users/" + user + "/notifications",
                "data", text, "private", "on").statusCode()).isEqualTo(200);
    }
}
