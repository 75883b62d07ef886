package dev.herald.server.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A {@code herald.yaml}: one mapping whose keys are the long flags without {@code --} ({@code max-connections: 100}),
 * and whose values are scalars, or lists for repeatable flags ({@code cors-origin: [https://a.example]}).
 *
 * @param path where it was read from
 * @param values each key's value as the flag would take it (a list joined with commas)
 */
record ConfigFile(Path path, Map<String, String> values) {

    /**
     * Reads {@code path}, accepting only {@code keys}.
     *
     * @throws IllegalArgumentException naming the file and the key, when it cannot be read, is not a mapping, holds
     *     an unknown key or a value that is neither a scalar nor a list of scalars
     */
    static ConfigFile read(Path path, Set<String> keys) {
        JsonNode root;
        try {
            root = new ObjectMapper(new YAMLFactory()).readTree(Files.readString(path));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("--config " + path + " is not valid YAML: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read --config " + path + ": " + e, e);
        }
        Map<String, String> values = new LinkedHashMap<>();
        if (root == null || root.isMissingNode() || root.isNull()) {
            return new ConfigFile(path, values);
        }
        if (!root.isObject()) {
            throw new IllegalArgumentException("--config " + path + " must be a mapping of flag names to values, like"
                    + " 'max-connections: 100'");
        }
        for (Iterator<Map.Entry<String, JsonNode>> fields = root.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            String key = field.getKey();
            if (!keys.contains(key)) {
                throw new IllegalArgumentException("--config " + path + ": unknown key '" + key + "'; keys are the long"
                        + " flags without --: " + String.join(", ", new TreeSet<>(keys)));
            }
            String value = text(path, key, field.getValue());
            if (value != null) {
                values.put(key, value);
            }
        }
        return new ConfigFile(path, values);
    }

    private static String text(Path path, String key, JsonNode value) {
        if (value.isNull()) {
            return null;
        }
        if (value.isValueNode()) {
            return value.asText();
        }
        if (value.isArray()) {
            List<String> items = new ArrayList<>();
            for (JsonNode item : value) {
                if (!item.isValueNode() || item.isNull()) {
                    throw new IllegalArgumentException("--config " + path + ": key '" + key + "' must list plain values");
                }
                items.add(item.asText());
            }
            return String.join(",", items);
        }
        throw new IllegalArgumentException("--config " + path + ": key '" + key + "' must be a plain value or a list, not a mapping");
    }
}
