package dev.herald.server;

import dev.herald.server.internal.auth.TokenMinter;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a first run without configuration does: a random key for this run only, and a log message that
 * says how to publish, so the hub is useful at once and never open to unauthenticated publishes from
 * other machines.
 */
final class DevelopmentMode {

    private static final Logger LOG = LoggerFactory.getLogger(DevelopmentMode.class);

    private DevelopmentMode() {
    }

    static String generateKey() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static void announce(int port, String key, boolean tls) {
        String base = (tls ? "https" : "http") + "://localhost:" + port;
        String insecure = tls ? "-k " : "";
        String token = TokenMinter.mint(key, List.of("*"), List.of("*"), Duration.ofDays(1));
        LOG.warn("""
                Herald is running in DEVELOPMENT MODE: no --publisher-jwt-key was given.
                  - Anonymous subscribers are accepted; publishing from this machine (loopback) needs no token:
                      curl {}-N '{}/.well-known/mercure?topic=/hello'
                      curl {}-d topic=/hello -d data=world {}/.well-known/mercure
                  - Other machines must send this token (valid 24 h, for this run's random key only):
                      Authorization: Bearer {}
                  - For production set --publisher-jwt-key (or HERALD_PUBLISHER_JWT_KEY) to a secret of 32+ bytes.""",
                insecure, base, insecure, base, token);
    }
}
