package dev.herald.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** {@code /herald.js} and its worker are served as JavaScript, cacheable, whatever the configuration. */
class BrowserScriptsTest {

    @Test
    void theHelperIsAnEsModuleServedAsJavaScriptWithACacheHeader() {
        try (HeraldFixture hub = HeraldFixture.start()) {
            HttpResponse<String> response = hub.get("/herald.js");
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type")).hasValue("text/javascript; charset=utf-8");
            assertThat(response.headers().firstValue("Cache-Control")).hasValue("public, max-age=300");
            assertThat(response.body()).contains("export function subscribe(options)");
        }
    }

    @Test
    void theWorkerIsServedAsJavaScriptAndImportsTheHelper() {
        try (HeraldFixture hub = HeraldFixture.start()) {
            HttpResponse<String> response = hub.get("/herald-worker.js");
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type")).hasValue("text/javascript; charset=utf-8");
            assertThat(response.body()).contains("import {connect} from './herald.js'");
        }
    }

    @Test
    void anUnchangedScriptIsRevalidatedWithoutItsBody() {
        try (HeraldFixture hub = HeraldFixture.start()) {
            String etag = hub.get("/herald.js").headers().firstValue("ETag").orElseThrow();
            HttpResponse<String> again = hub.send(HttpRequest.newBuilder(hub.uri("/herald.js"))
                    .header("If-None-Match", etag).GET().build());
            assertThat(again.statusCode()).isEqualTo(304);
            assertThat(again.body()).isEmpty();
        }
    }

    @Test
    void theHelperIsServedByItsOwnRouteWhenTheAppsAreOnToo() {
        try (HeraldFixture hub = HeraldFixture.start(HeraldFixture.base().withApps(true))) {
            HttpResponse<String> response = hub.get("/herald.js");
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("Cache-Control")).hasValue("public, max-age=300");
            assertThat(response.body()).contains("export function subscribe(options)");
        }
    }

    @Test
    void theHelperIsServedInDevelopmentModeToo() {
        try (HeraldFixture hub = HeraldFixture.start(ServerConfig.defaults("127.0.0.1", 0))) {
            assertThat(hub.get("/herald.js").statusCode()).isEqualTo(200);
        }
    }
}
