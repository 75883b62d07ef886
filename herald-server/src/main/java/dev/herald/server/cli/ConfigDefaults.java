package dev.herald.server.cli;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Where the {@code herald} server's options get their values when no flag sets them, in order: the
 * {@code HERALD_*} environment variable, then the {@code --config} file, then the option's own default. picocli
 * asks this provider first and falls back to the annotation's default ({@code ${env:HERALD_X:-default}}) when it
 * answers null, so a flag wins over all three.
 *
 * <p>The file is read before parsing (its path found by {@link #configPath}), because picocli applies defaults
 * before it reads the flags. A file that cannot be used is remembered as {@link #error()} and reported by the
 * command before it does anything, with exit status 2.
 */
final class ConfigDefaults implements IDefaultValueProvider {

    /** Root options that are not configuration: they never come from the file or {@code config --print}. */
    static final Set<String> NOT_CONFIGURATION = Set.of("help", "version", "config");
    /** Keys whose value is a secret: hidden by {@code config --print}. */
    static final Set<String> SECRETS = Set.of("publisher-jwt-key", "subscriber-jwt-key", "metrics-token");

    private final Map<String, String> env;
    private final Path path;
    private CommandSpec root;
    private ConfigFile file;
    private IllegalArgumentException error;

    ConfigDefaults(Map<String, String> env, Path path) {
        this.env = env;
        this.path = path;
    }

    /** Binds to the root command, whose options the file configures, and reads the file. */
    void bind(CommandSpec rootSpec) {
        this.root = rootSpec;
        if (path == null) {
            return;
        }
        try {
            file = ConfigFile.read(path, keys(rootSpec));
        } catch (IllegalArgumentException e) {
            error = e;
        }
    }

    /** Why the file could not be used, or null. */
    IllegalArgumentException error() {
        return error;
    }

    @Override
    public String defaultValue(ArgSpec arg) {
        if (root == null || !(arg instanceof OptionSpec option) || !root.options().contains(option)) {
            return null;
        }
        String key = key(option);
        if (NOT_CONFIGURATION.contains(key)) {
            return null;
        }
        String fromEnv = env.get(envName(key));
        if (fromEnv != null && !fromEnv.isEmpty()) {
            return fromEnv;
        }
        // An empty variable (KEY= in an env file) counts as unset, as ${env:X:-default} treats it.
        return file == null ? null : file.values().get(key);
    }

    /** A note for an error about {@code arg}'s value when that value came from the file, else "". */
    String originOf(ArgSpec arg) {
        if (file == null || !(arg instanceof OptionSpec option) || !root.options().contains(option)) {
            return "";
        }
        String key = key(option);
        String fromEnv = env.get(envName(key));
        boolean fromFile = file.values().containsKey(key) && (fromEnv == null || fromEnv.isEmpty());
        return fromFile ? " (key '" + key + "' in " + file.path() + ")" : "";
    }

    /** The file key of {@code option}: its long name without {@code --}. */
    static String key(OptionSpec option) {
        return option.longestName().replaceFirst("^-+", "");
    }

    /** The environment variable of a key: {@code HERALD_} and the key in upper case with underscores. */
    static String envName(String key) {
        if (key.equals("cors-origin")) {
            return "HERALD_CORS_ORIGINS"; // a list: named in the plural
        }
        return "HERALD_" + key.toUpperCase(Locale.ROOT).replace('-', '_');
    }

    /** The keys a file may hold for {@code rootSpec}. */
    static Set<String> keys(CommandSpec rootSpec) {
        Set<String> keys = new TreeSet<>();
        for (OptionSpec option : rootSpec.options()) {
            String key = key(option);
            if (!NOT_CONFIGURATION.contains(key)) {
                keys.add(key);
            }
        }
        return keys;
    }

    /**
     * The {@code --config} path in {@code args}, else {@code HERALD_CONFIG}; none for the client subcommands
     * ({@code listen}, {@code publish}, {@code token}), which the file does not configure and which must start fast.
     */
    static Path configPath(Map<String, String> env, String[] args, Set<String> subcommands) {
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (subcommands.contains(arg) && !arg.equals("config")) {
                return null;
            }
            if (arg.equals("--config") && i + 1 < args.length) {
                return Path.of(args[i + 1]);
            }
            if (arg.startsWith("--config=")) {
                return Path.of(arg.substring("--config=".length()));
            }
        }
        String fromEnv = env.get("HERALD_CONFIG");
        return fromEnv == null || fromEnv.isBlank() ? null : Path.of(fromEnv);
    }
}
