package dev.herald.spring;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The {@code herald.*} properties: where the hub is and how to authorize publishing. Give either a
 * ready token ({@code herald.publisher-token}) or the hub's HS256 key ({@code herald.publisher-key}), from
 * which short-lived tokens are minted; neither suits only a hub in development mode on this machine.
 */
@Validated
@ConfigurationProperties(prefix = "herald")
public class HeraldProperties {

    /** The shortest HS256 key Herald accepts, as its {@code --publisher-jwt-key} does. */
    static final int MIN_KEY_BYTES = 32;

    /** The hub's URL, e.g. http://localhost:8080/.well-known/mercure; a bare origin gets that path. */
    @NotNull(message = "set herald.url to the hub's URL, e.g. http://localhost:8080/.well-known/mercure")
    private URI url;

    /** A publisher JWT to send as is (its mercure.publish claim lists the topics it may publish to). */
    private String publisherToken;

    /** The hub's HS256 publisher key (32+ bytes): publisher tokens are minted from it and renewed before they expire. */
    private String publisherKey;

    /** The topic selectors written into minted tokens' mercure.publish claim. */
    private List<String> publishTopics = List.of("*");

    /** How long a minted token is valid; a new one is minted when a third of this is left. */
    @NotNull(message = "herald.token-ttl must be a duration such as 10m")
    private Duration tokenTtl = Duration.ofMinutes(10);

    /** How long a publish waits for the hub's answer. */
    @NotNull(message = "herald.timeout must be a duration such as 10s")
    private Duration timeout = Duration.ofSeconds(10);

    /** The hub URL with the Mercure path added when only an origin was given. */
    public URI hubUri() {
        String path = url.getPath();
        return path == null || path.isEmpty() || path.equals("/") ? url.resolve("/.well-known/mercure") : url;
    }

    @AssertTrue(message = "herald.url must be an absolute http:// or https:// URL, e.g. http://localhost:8080/.well-known/mercure")
    boolean isUrlHttp() {
        return url == null || ("http".equalsIgnoreCase(url.getScheme()) || "https".equalsIgnoreCase(url.getScheme()))
                && url.getHost() != null;
    }

    @AssertTrue(message = "set herald.publisher-token or herald.publisher-key, not both")
    boolean isOneCredential() {
        return !hasText(publisherToken) || !hasText(publisherKey);
    }

    @AssertTrue(message = "herald.publisher-key must be at least 32 bytes (the hub's --publisher-jwt-key)")
    boolean isKeyLongEnough() {
        return !hasText(publisherKey) || publisherKey.getBytes(StandardCharsets.UTF_8).length >= MIN_KEY_BYTES;
    }

    @AssertTrue(message = "herald.token-ttl must be at least 3 seconds")
    boolean isTokenTtlUsable() {
        return tokenTtl == null || tokenTtl.compareTo(Duration.ofSeconds(3)) >= 0;
    }

    @AssertTrue(message = "herald.timeout must be positive")
    boolean isTimeoutPositive() {
        return timeout == null || !(timeout.isNegative() || timeout.isZero());
    }

    @AssertTrue(message = "herald.publish-topics must list at least one topic selector, e.g. *")
    boolean isPublishTopicsGiven() {
        return publishTopics != null && !publishTopics.isEmpty() && publishTopics.stream().allMatch(HeraldProperties::hasText);
    }

    static boolean hasText(String value) {
        return value != null && !value.isBlank();
    }

    public URI getUrl() {
        return url;
    }

    public void setUrl(URI url) {
        this.url = url;
    }

    public String getPublisherToken() {
        return publisherToken;
    }

    public void setPublisherToken(String publisherToken) {
        this.publisherToken = publisherToken;
    }

    public String getPublisherKey() {
        return publisherKey;
    }

    public void setPublisherKey(String publisherKey) {
        this.publisherKey = publisherKey;
    }

    public List<String> getPublishTopics() {
        return publishTopics;
    }

    public void setPublishTopics(List<String> publishTopics) {
        this.publishTopics = publishTopics;
    }

    public Duration getTokenTtl() {
        return tokenTtl;
    }

    public void setTokenTtl(Duration tokenTtl) {
        this.tokenTtl = tokenTtl;
    }

    public Duration getTimeout() {
        return timeout;
    }

    public void setTimeout(Duration timeout) {
        this.timeout = timeout;
    }
}
