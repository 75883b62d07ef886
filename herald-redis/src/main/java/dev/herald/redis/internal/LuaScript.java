package dev.herald.redis.internal;

import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.sync.RedisCommands;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A Lua script kept as a resource file beside this class, run by its SHA1 and sent whole only when Redis
 * does not know it (first use, or after a restart emptied the script cache).
 */
public final class LuaScript {

    private final String source;
    private volatile String sha;

    private LuaScript(String source) {
        this.source = source;
    }

    /** The script in resource {@code name} (e.g. {@code append.lua}). */
    public static LuaScript load(String name) {
        try (InputStream in = LuaScript.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing script resource " + name);
            }
            return new LuaScript(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read script resource " + name, e);
        }
    }

    /** Runs the script with {@code keys} and {@code args}, answering its multi-bulk reply. */
    public List<Object> run(RedisCommands<String, String> redis, String[] keys, String... args) {
        String known = sha;
        if (known != null) {
            try {
                return redis.evalsha(known, ScriptOutputType.MULTI, keys, args);
            } catch (RedisNoScriptException e) {
                // Redis restarted or flushed its script cache: send the source again below.
            }
        }
        List<Object> reply = redis.eval(source, ScriptOutputType.MULTI, keys, args);
        sha = redis.digest(source);
        return reply;
    }
}
