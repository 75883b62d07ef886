package dev.herald.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.herald.testkit.Await;
import dev.herald.testkit.browser.BrowserPage;
import dev.herald.testkit.browser.Chromium;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The upload and notifications applications in a real headless Chromium against a real Herald: a 50 MB file
 * chosen in the page's file input goes to 100 %, refused uploads end with an error stage, a notification shows in
 * both of Alice's tabs and not in Bob's (another browser context), read clears the badge in both, and the seed's
 * own 5.3 and 5.4 snippets, unchanged, work. Screenshots go to {@code target/screenshots/}.
 */
class UserAppsBrowserTest {

    static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static final int MEGABYTE = 1024 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper();

    static Chromium chromium;
    static HeraldFixture hub;
    private final List<BrowserPage> pages = new ArrayList<>();

    @TempDir
    Path temp;

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
    void closePages() {
        // Tabs share the browser's six connections per host: close each test's streams.
        pages.forEach(BrowserPage::close);
        pages.clear();
    }

    private BrowserPage open(HeraldFixture server, String path, String context) {
        BrowserPage page = chromium.open(server.uri(path).toString(), context);
        page.viewport(1200, 760);
        pages.add(page);
        awaitTrue(page, Duration.ofSeconds(10), "document.body.dataset.ready === 'true'", "the page to be ready");
        return page;
    }

    private static void awaitTrue(BrowserPage page, Duration timeout, String expression, String what) {
        Await.until(timeout, () -> page.evaluate(expression).asBoolean(),
                () -> what + " (" + expression + "); the page says: " + page.evaluate("document.body.innerText").asText());
    }

    private static String text(BrowserPage page, String selector) {
        return page.evaluate("document.querySelector('" + selector + "').textContent").asText();
    }

    private static void upload(BrowserPage page, Path file) {
        page.setFileInput("#file", file);
        page.evaluate("document.getElementById('upload-form').requestSubmit()");
    }

    @Test
    void aFiftyMegabyteUploadShowsItsProgressToOneHundredPercentInThePage() {
        Path file = Uploads.generate(temp, "dataset.zip", 50L * MEGABYTE);
        BrowserPage page = open(hub, "/upload/", null);
        page.viewport(1200, 900);
        upload(page, file);
        awaitTrue(page, Duration.ofSeconds(90), "document.body.dataset.stage === 'done'", "the upload to be done");
        assertThat(text(page, "#percent")).isEqualTo("100%");
        assertThat(page.evaluate("[...document.querySelectorAll('#stages li')].map(li => li.className).join(' ')").asText())
                .startsWith("sending received scanning").contains("processing storing").endsWith("done");
        assertThat(text(page, "#stage-message")).contains("dataset.zip", String.valueOf(50L * MEGABYTE));
        page.bringToFront();
        page.screenshot(SCREENSHOTS.resolve("upload.png"));
    }

    @Test
    void aTooLargeAndAWrongTypeUploadEndWithAnErrorStageInThePage() {
        try (HeraldFixture small = HeraldFixture.start(HeraldFixture.base().withApps(true)
                .withLimits(LimitsConfig.defaults().withConnections(20_000, 20_000).withPublishRate(0).withMaxUpload(MEGABYTE)))) {
            BrowserPage page = open(small, "/upload/", null);
            upload(page, Uploads.generate(temp, "big.zip", 2L * MEGABYTE));
            awaitTrue(page, Duration.ofSeconds(30), "document.body.dataset.stage === 'error'", "an error stage");
            assertThat(text(page, "#stage-message")).contains("error: the file is too large", "--max-upload");

            upload(page, Uploads.generate(temp, "setup.exe", 10_000));
            awaitTrue(page, Duration.ofSeconds(30), "document.querySelector('#stage-message').textContent.startsWith('error: files')",
                    "an error stage naming the type");
            assertThat(text(page, "#stage-message")).startsWith("error: files of type 'exe' are not accepted");
            page.bringToFront();
            page.screenshot(SCREENSHOTS.resolve("upload-error.png"));
        }
    }

    @Test
    void aNotificationShowsInBothOfAlicesTabsNotInBobsAndReadClearsBothBadges() {
        BrowserPage alice1 = open(hub, "/notifications/", null);
        alice1.evaluate("document.getElementById('name').value = 'alice';"
                + " document.getElementById('signin').requestSubmit()");
        awaitTrue(alice1, Duration.ofSeconds(10), "document.body.dataset.connected === 'true'", "alice's first tab to connect");
        // The second tab shares the first one's cookie: it is signed in as alice from the start.
        BrowserPage alice2 = open(hub, "/notifications/", null);
        awaitTrue(alice2, Duration.ofSeconds(10), "document.body.dataset.connected === 'true'", "alice's second tab to connect");
        assertThat(text(alice2, "#me")).isEqualTo("alice");
        BrowserPage bob = open(hub, "/notifications/", chromium.newContext());
        assertThat(bob.evaluate("document.getElementById('signed-in').hidden").asBoolean()).isTrue();
        bob.evaluate("document.getElementById('name').value = 'bob'; document.getElementById('signin').requestSubmit()");
        awaitTrue(bob, Duration.ofSeconds(10), "document.body.dataset.connected === 'true'", "bob's tab to connect");

        bob.evaluate("document.getElementById('to').value = 'alice';"
                + " document.getElementById('message').value = 'Lunch at noon?'; document.getElementById('send').requestSubmit()");
        for (BrowserPage tab : List.of(alice1, alice2)) {
            awaitTrue(tab, Duration.ofSeconds(10), "document.getElementById('badge').textContent === '1'", "alice's badge at 1");
            assertThat(text(tab, "#toasts")).contains("bob", "Lunch at noon?");
            assertThat(text(tab, "#inbox")).contains("bob: Lunch at noon?");
        }
        alice1.bringToFront();
        alice1.screenshot(SCREENSHOTS.resolve("notifications.png"));

        // Bob's stream never carried it: the first thing it shows is what alice sends him next.
        alice2.evaluate("document.getElementById('to').value = 'bob';"
                + " document.getElementById('message').value = 'Yes!'; document.getElementById('send').requestSubmit()");
        awaitTrue(bob, Duration.ofSeconds(10), "document.getElementById('badge').textContent === '1'", "bob's badge at 1");
        assertThat(bob.evaluate("[...document.querySelectorAll('#inbox li .text')].map(e => e.textContent)").toString())
                .isEqualTo("[\"alice: Yes!\"]");

        alice1.evaluate("document.querySelector('#inbox li button').click()");
        for (BrowserPage tab : List.of(alice1, alice2)) {
            awaitTrue(tab, Duration.ofSeconds(10), "document.getElementById('badge').textContent === '0'", "alice's badge cleared");
            assertThat(tab.evaluate("document.querySelector('#inbox li').classList.contains('read')").asBoolean()).isTrue();
        }
        assertThat(text(bob, "#badge")).isEqualTo("1");
    }

    @Test
    void theSeedsOwnSnippetsFor53And54WorkUnchanged() throws Exception {
        String context = chromium.newContext();
        BrowserPage page = open(hub, "/notifications/", context);
        page.evaluate("document.getElementById('name').value = 'dave'; document.getElementById('signin').requestSubmit()");
        awaitTrue(page, Duration.ofSeconds(10), "document.body.dataset.connected === 'true'", "dave to be signed in");
        HttpResponse<String> uploaded = hub.send(Uploads.post(hub, Uploads.generate(temp, "report.pdf", 3L * MEGABYTE), "report.pdf"));
        String uploadId = JSON.readTree(uploaded.body()).get("uploadId").asText();

        page.navigate(hub.uri("/seed/user-apps.html?uploadId=" + uploadId).toString());
        awaitTrue(page, Duration.ofSeconds(30), "window.seed.success === true", "the 5.3 snippet's showSuccess()");
        assertThat(page.evaluate("window.seed.progress.at(-1)").asInt()).isEqualTo(100);
        assertThat(page.evaluate("window.seed.statuses[0]").asText()).startsWith("received: ");
        assertThat(page.evaluate("window.seed.statuses.at(-1)").asText()).startsWith("done: 'report.pdf'");

        awaitTrue(page, Duration.ofSeconds(10), "window.seed.notificationsOpen === true", "the 5.4 snippet's stream to open");
        String erin = sessionCookie("erin");
        HttpResponse<String> sent = post(erin, "/api/notifications", "{\"to\":\"dave\",\"message\":\"From the seed\"}");
        String id = JSON.readTree(sent.body()).get("id").asText();
        awaitTrue(page, Duration.ofSeconds(10), "window.seed.badge === 1", "incrementBadgeCount()");
        assertThat(page.evaluate("window.seed.toasts[0].message").asText()).isEqualTo("From the seed");
        assertThat(page.evaluate("window.seed.toasts[0].from").asText()).isEqualTo("erin");

        assertThat(post(sessionCookie("dave"), "/api/notifications/" + id + "/read", "").statusCode()).isEqualTo(200);
        awaitTrue(page, Duration.ofSeconds(10), "window.seed.read[0] === '" + id + "'", "markAsRead(notificationId)");
        page.bringToFront();
        page.screenshot(SCREENSHOTS.resolve("seed-user-apps.png"));
    }

    private static String sessionCookie(String name) {
        HttpResponse<String> response = post(null, "/api/notifications/session", "{\"name\":\"" + name + "\"}");
        String cookie = response.headers().firstValue("Set-Cookie").orElseThrow();
        return cookie.substring(0, cookie.indexOf(';'));
    }

    private static HttpResponse<String> post(String cookie, String path, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(hub.uri(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (cookie != null) {
            request.header("Cookie", cookie);
        }
        return hub.send(request.build());
    }
}
