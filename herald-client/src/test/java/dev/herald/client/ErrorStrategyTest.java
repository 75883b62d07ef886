package dev.herald.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpHeaders;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ErrorStrategyTest {

    private static final URI URI_ = URI.create("http://127.0.0.1/events");
    private static final HttpHeaders NO_HEADERS = HttpHeaders.of(Map.of(), (a, b) -> true);

    private static HttpStatusException status(int code) {
        return new HttpStatusException(URI_, code, NO_HEADERS, "");
    }

    @Test
    void theSpecRuleRetriesLostConnectionsAndStopsOnHttpRefusals() {
        ErrorStrategy spec = ErrorStrategy.specCompliant();

        assertThat(spec.decide(new ConnectionLostException("reset", null)).retry()).isTrue();
        assertThat(spec.decide(new ReadTimeoutException(URI_, Duration.ofSeconds(1))).retry()).isTrue();
        assertThat(spec.decide(status(503)).retry()).isFalse();
        assertThat(spec.decide(new ContentTypeException(URI_, "text/html", NO_HEADERS)).retry()).isFalse();
    }

    @Test
    void theTransientRuleRetriesOverloadStatusesUpToItsLimitInARow() {
        ErrorStrategy.Decision first = ErrorStrategy.retryTransientHttpErrors(2).decide(status(503));
        ErrorStrategy.Decision second = first.next().decide(status(429));
        ErrorStrategy.Decision third = second.next().decide(status(502));

        assertThat(first.retry()).isTrue();
        assertThat(second.retry()).isTrue();
        assertThat(third.retry()).isFalse();
    }

    @Test
    void theTransientRuleStillStopsOnOtherStatusesAndRetriesLostConnections() {
        ErrorStrategy strategy = ErrorStrategy.retryTransientHttpErrors(5);

        assertThat(strategy.decide(status(404)).retry()).isFalse();
        assertThat(strategy.decide(new ConnectionLostException("refused", null)).retry()).isTrue();
    }
}
