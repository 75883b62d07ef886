package dev.herald.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.herald.server.cli.ExitCodes;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** {@code herald token}: its output is a JWT the real server accepts, with exactly the claims asked for. */
class TokenCommandTest {

    private static CliRunner.Result token(String... options) {
        String[] args = new String[options.length + 1];
        args[0] = "token";
        System.arraycopy(options, 0, args, 1, options.length);
        return CliRunner.run(args);
    }

    private static JsonNode claims(String jwt) throws Exception {
        return new ObjectMapper().readTree(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]));
    }

    @Test
    void theTokenIsPrintedAloneAndHeraldAcceptsItForPublishing() {
        CliRunner.Result result = token("--key", HeraldFixture.KEY, "--publish", "*");

        assertThat(result.status()).isEqualTo(ExitCodes.OK);
        assertThat(result.out()).matches("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\n");
        try (HeraldFixture hub = HeraldFixture.start()) {
            assertThat(hub.publishForm(result.out().strip(), "topic", "/books/1", "data", "x").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void theTokenAllowsOnlyTheSelectorsAskedFor() throws Exception {
        String jwt = token("--key", HeraldFixture.KEY, "--publish", "/books/{id}", "--subscribe", "/books/1").out().strip();

        try (HeraldFixture hub = HeraldFixture.start()) {
            assertThat(hub.publishForm(jwt, "topic", "/books/7", "data", "x").statusCode()).isEqualTo(200);
            assertThat(hub.publishForm(jwt, "topic", "/authors/7", "data", "x").statusCode()).isEqualTo(403);
        }
        JsonNode mercure = claims(jwt).get("mercure");
        assertThat(mercure.get("publish").toString()).isEqualTo("[\"/books/{id}\"]");
        assertThat(mercure.get("subscribe").toString()).isEqualTo("[\"/books/1\"]");
    }

    @Test
    void theTokenExpiresAfterTheTtlOrNeverWithZero() throws Exception {
        long before = Instant.now().getEpochSecond();
        JsonNode fifteenMinutes = claims(token("--key", HeraldFixture.KEY, "--publish", "*", "--ttl", "15m").out().strip());
        JsonNode forever = claims(token("--key", HeraldFixture.KEY, "--publish", "*", "--ttl", "0").out().strip());

        assertThat(fifteenMinutes.get("exp").asLong()).isBetween(before + 900, Instant.now().getEpochSecond() + 900);
        assertThat(forever.has("exp")).isFalse();
    }

    @Test
    void aKeyShorterThan32BytesIsRefusedWithAHint() {
        CliRunner.Result result = token("--key", "short", "--publish", "*");

        assertThat(result.status()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.out()).isEmpty();
        assertThat(result.err()).contains("--key must be at least 32 bytes for HS256, got 5").contains("openssl rand");
    }

    @Test
    void withoutSelectorsItSaysWhatToGive() {
        CliRunner.Result result = token("--key", HeraldFixture.KEY);

        assertThat(result.status()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.err()).contains("give at least one --publish or --subscribe selector");
    }

    @Test
    void aMalformedSelectorIsRefusedNamingTheFlag() {
        CliRunner.Result result = token("--key", HeraldFixture.KEY, "--publish", "/books/{id");

        assertThat(result.status()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.err()).contains("--publish: ");
    }

    @Test
    void aTtlThatIsNotADurationIsRefusedWithExamples() {
        CliRunner.Result result = token("--key", HeraldFixture.KEY, "--publish", "*", "--ttl", "soon");

        assertThat(result.status()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.err()).contains("'soon' is not a duration; write e.g. 90s, 15m, 24h, 7d or PT1H30M");
    }
}
