package dev.herald.server.cli;

import dev.herald.hub.TopicSelector;
import dev.herald.server.ServerConfig;
import dev.herald.server.internal.auth.TokenMinter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code herald token}: mints an HS256 JWT with Mercure claims, for development and tests. */
@Command(name = "token", sortOptions = false,
        description = {"Mint an HS256 JWT with mercure.publish and mercure.subscribe claims and print it alone.",
            "For development: sign with the key Herald runs with (--publisher-jwt-key)."})
public final class TokenCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    SubcommandHelp help;

    @Option(names = "--key", paramLabel = "K", defaultValue = "${env:HERALD_PUBLISHER_JWT_KEY}",
            showDefaultValue = CommandLine.Help.Visibility.NEVER,
            description = "The HS256 secret, " + ServerConfig.MIN_KEY_BYTES + "+ bytes (env HERALD_PUBLISHER_JWT_KEY).")
    String key;

    @Option(names = "--publish", paramLabel = "SEL", description = "A topic selector the token may publish to, e.g. '*' or '/books/{id}'; repeatable.")
    List<String> publish = new ArrayList<>();

    @Option(names = "--subscribe", paramLabel = "SEL", description = "A topic selector the token may receive private updates of; repeatable.")
    List<String> subscribe = new ArrayList<>();

    @Option(names = "--ttl", paramLabel = "DURATION", defaultValue = "24h", converter = DurationConverter.class,
            showDefaultValue = CommandLine.Help.Visibility.ALWAYS,
            description = "How long the token is valid: 90s, 15m, 24h, 7d or PT1H30M; 0 for no expiry.")
    Duration ttl;

    @Override
    public Integer call() {
        requireKey();
        if (publish.isEmpty() && subscribe.isEmpty()) {
            throw usage("give at least one --publish or --subscribe selector, e.g. --publish '*'");
        }
        requireSelectors("--publish", publish);
        requireSelectors("--subscribe", subscribe);
        String token = TokenMinter.mint(key, publish, subscribe, ttl.isZero() ? null : ttl);
        spec.commandLine().getOut().println(token);
        spec.commandLine().getOut().flush();
        return ExitCodes.OK;
    }

    private void requireKey() {
        if (key == null || key.isEmpty()) {
            throw usage("give the signing key with --key or the environment variable HERALD_PUBLISHER_JWT_KEY");
        }
        int bytes = key.getBytes(StandardCharsets.UTF_8).length;
        if (bytes < ServerConfig.MIN_KEY_BYTES) {
            throw usage("--key must be at least " + ServerConfig.MIN_KEY_BYTES + " bytes for HS256, got " + bytes
                    + "; use the key Herald runs with, or generate one with: openssl rand -base64 32");
        }
    }

    private void requireSelectors(String flag, List<String> selectors) {
        for (String selector : selectors) {
            try {
                TopicSelector.parse(selector);
            } catch (IllegalArgumentException e) {
                throw usage(flag + ": " + e.getMessage());
            }
        }
    }

    private CommandLine.ParameterException usage(String message) {
        return new CommandLine.ParameterException(spec.commandLine(), message);
    }
}
