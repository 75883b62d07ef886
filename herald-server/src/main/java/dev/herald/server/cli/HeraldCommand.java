package dev.herald.server.cli;

import dev.herald.server.HeraldServer;
import dev.herald.server.ServerConfig;
import dev.herald.server.StorageConfig;
import dev.herald.server.internal.log.LogSetup;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The root {@code herald} command: with no subcommand it serves. Every option also reads a
 * {@code HERALD_*} environment variable and a key of the {@code --config} file: a flag wins over the variable,
 * which wins over the file ({@link ConfigDefaults}).
 *
 * <p>This class must not touch Vert.x or the hub outside {@link #call()}: client subcommands share the
 * program and should start fast.
 */
@Command(name = "herald", mixinStandardHelpOptions = true, version = "herald 0.1.0",
        description = "Herald, a Server-Sent Events hub: serves the Mercure protocol and the seed's /api endpoints.",
        sortOptions = false, showDefaultValues = true,
        subcommands = {ListenCommand.class, PublishCommand.class, TokenCommand.class, ConfigCommand.class})
public final class HeraldCommand implements Callable<Integer> {

    /** Status returned while the server keeps running after {@code call()} returned. */
    public static final int KEEP_RUNNING = -1;

    @Spec
    CommandSpec spec;

    @Option(names = "--config", defaultValue = "${env:HERALD_CONFIG}",
            description = "YAML file of settings keyed by the long flag names without --, e.g. 'max-connections: 100';"
                    + " flags and HERALD_* variables win over it (env HERALD_CONFIG).")
    Path configFile;

    @Option(names = "--host", defaultValue = "${env:HERALD_HOST:-0.0.0.0}", description = "Address to listen on (env HERALD_HOST).")
    String host;

    @Option(names = "--port", defaultValue = "${env:HERALD_PORT:-8080}", description = "TCP port, 0 for any free one (env HERALD_PORT).")
    int port;

    @Mixin
    AuthOptions auth = new AuthOptions();

    @Mixin
    LimitOptions limits = new LimitOptions();

    @Mixin
    TlsOptions tls = new TlsOptions();

    @Mixin
    OperationsOptions operations = new OperationsOptions();

    private ConfigDefaults defaults;

    @Option(names = "--subscriptions", defaultValue = "${env:HERALD_SUBSCRIPTIONS:-false}", fallbackValue = "true", arity = "0..1",
            description = "Serve the Mercure subscriptions API and publish subscription events (env HERALD_SUBSCRIPTIONS).")
    boolean subscriptions;

    @Option(names = "--heartbeat", defaultValue = "${env:HERALD_HEARTBEAT:-15}",
            description = "Seconds of silence before a heartbeat comment is sent; 0 = off (env HERALD_HEARTBEAT).")
    int heartbeatSeconds;

    @Option(names = "--retry-ms", defaultValue = "${env:HERALD_RETRY_MS:-3000}",
            description = "retry: sent at the start of each stream, in ms; 0 = none (env HERALD_RETRY_MS).")
    long retryMillis;

    @Option(names = "--history-size", defaultValue = "${env:HERALD_HISTORY_SIZE:-10000}",
            description = "Updates kept in memory for Last-Event-ID replay (env HERALD_HISTORY_SIZE).")
    int historySize;

    @Option(names = "--history-bytes", defaultValue = "${env:HERALD_HISTORY_BYTES:-67108864}",
            description = "Encoded bytes kept for replay (env HERALD_HISTORY_BYTES).")
    long historyBytes;

    @Option(names = "--outbound-budget", defaultValue = "${env:HERALD_OUTBOUND_BUDGET:-1048576}",
            description = "Bytes a subscriber may have waiting before it is cut as a slow consumer (env HERALD_OUTBOUND_BUDGET).")
    long outboundBudget;

    @Option(names = "--event-loops", defaultValue = "${env:HERALD_EVENT_LOOPS:-0}",
            description = "Event loops serving connections, each on a core when busy; 0 = one per available processor"
                    + " (env HERALD_EVENT_LOOPS).")
    int eventLoops;

    @Option(names = "--redis", defaultValue = "${env:HERALD_REDIS}",
            description = "Join a cluster: keep the log in this Redis (redis://host:port/db) shared by every node; default: in memory (env HERALD_REDIS).")
    String redis;

    @Option(names = "--redis-max-length", defaultValue = "${env:HERALD_REDIS_MAX_LENGTH:-100000}",
            description = "Updates the Redis stream keeps for replay; 0 = no count limit (env HERALD_REDIS_MAX_LENGTH).")
    long redisMaxLength;

    @Option(names = "--redis-max-age", defaultValue = "${env:HERALD_REDIS_MAX_AGE:-0}",
            description = "Seconds an update stays in the Redis stream; 0 = no age limit (env HERALD_REDIS_MAX_AGE).")
    long redisMaxAge;

    @Option(names = "--log-dir", defaultValue = "${env:HERALD_LOG_DIR}",
            description = "Keep the log in a file in this directory so history survives restarts (one node; not with --redis) (env HERALD_LOG_DIR).")
    String logDir;

    @Option(names = "--cluster-refresh-ms", defaultValue = "${env:HERALD_CLUSTER_REFRESH_MS:-5000}",
            description = "Milliseconds between writes of this node's subscriber counts to the cluster view; a node silent for 3x this drops out (env HERALD_CLUSTER_REFRESH_MS).")
    long clusterRefreshMs;

    @Option(names = "--no-apps", defaultValue = "${env:HERALD_NO_APPS:-false}", fallbackValue = "true", arity = "0..1",
            description = "Do not serve the demo applications (home page, chat, prices, upload, notifications, console); for production (env HERALD_NO_APPS).")
    boolean noApps;

    /** The picocli command line for the {@code herald} program, reading the process's environment and no config file. */
    public static CommandLine commandLine() {
        return commandLine(System.getenv());
    }

    /**
     * The picocli command line for running {@code args}, with its error handling: options not given as flags come
     * from {@code env} ({@code HERALD_*}), then from the {@code --config} file named in {@code args} or by
     * {@code HERALD_CONFIG}, then from their defaults.
     */
    public static CommandLine commandLine(Map<String, String> env, String... args) {
        HeraldCommand command = new HeraldCommand();
        CommandLine line = new CommandLine(command);
        ConfigDefaults defaults = new ConfigDefaults(env, ConfigDefaults.configPath(env, args, line.getSubcommands().keySet()));
        defaults.bind(line.getCommandSpec());
        command.defaults = defaults;
        line.setDefaultValueProvider(defaults);
        line.setExecutionExceptionHandler((e, cmd, parsed) -> {
            cmd.getErr().println("herald: " + e.getMessage());
            return 2;
        });
        line.setParameterExceptionHandler((e, parsedArgs) -> {
            CommandLine cmd = e.getCommandLine();
            cmd.getErr().println(cmd.getColorScheme().errorText(e.getMessage() + defaults.originOf(e.getArgSpec())));
            if (!CommandLine.UnmatchedArgumentException.printSuggestions(e, cmd.getErr())) {
                e.getCommandLine().usage(cmd.getErr(), cmd.getColorScheme());
            }
            return cmd.getCommandSpec().exitCodeOnInvalidInput();
        });
        return line;
    }

    /**
     * Checks everything the server would run with, before anything starts.
     *
     * @throws IllegalArgumentException naming the flag (or the file's key) at fault
     */
    void validate() {
        if (defaults != null && defaults.error() != null) {
            throw defaults.error();
        }
        config();
        storage();
        operations.metricsConfig();
        LogSetup.check(operations.logFormat, operations.logLevel);
    }

    /** The effective configuration by key, in flag order, with secrets hidden: what {@code config --print} shows. */
    Map<String, Object> effectiveConfiguration() {
        Map<String, Object> out = new LinkedHashMap<>();
        for (OptionSpec option : spec.options()) {
            String key = ConfigDefaults.key(option);
            if (ConfigDefaults.NOT_CONFIGURATION.contains(key)) {
                continue;
            }
            Object value = option.getValue();
            if (value != null && ConfigDefaults.SECRETS.contains(key)) {
                value = "[hidden]";
            } else if (value instanceof Path path) {
                value = path.toString();
            }
            out.put(key, value);
        }
        return out;
    }

    /** The configuration these options describe. */
    ServerConfig config() {
        return new ServerConfig(host, port, auth.config(), limits.config(), tls.config(), auth.origins(), subscriptions,
                heartbeatSeconds, retryMillis, historySize, historyBytes, outboundBudget, !noApps, eventLoops);
    }

    /** Where the log lives, as these options say. */
    StorageConfig storage() {
        String dir = blankToNull(logDir);
        return new StorageConfig(blankToNull(redis), redisMaxLength, redisMaxAge, dir == null ? null : java.nio.file.Path.of(dir),
                clusterRefreshMs);
    }

    @Override
    public Integer call() {
        validate();
        LogSetup.apply(operations.logFormat, operations.logLevel);
        ServerConfig config = config();
        HeraldServer server = HeraldServer.start(config, storage(), operations.metricsConfig());
        ShutdownOnSignal.install(server);
        org.slf4j.LoggerFactory.getLogger(HeraldCommand.class).info("Herald listening on {}:{} ({})", config.host(),
                server.port(), config.tls().enabled() ? "HTTPS, HTTP/2 by ALPN" : config.tls().h2c() ? "HTTP, h2c" : "HTTP");
        if (config.apps()) {
            org.slf4j.LoggerFactory.getLogger(HeraldCommand.class).info(
                    "Applications (chat, prices, upload, notifications, console) at {}://localhost:{}/ (--no-apps turns them off)",
                    config.tls().enabled() ? "https" : "http", server.port());
        }
        return KEEP_RUNNING;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
