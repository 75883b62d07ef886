package dev.herald.redis.internal;

import dev.herald.cluster.NodeCounts;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@link NodeCounts} as the fields of a Redis hash: {@code connections}, {@code untracked}, and one field per
 * selector list, {@code g:} and the selectors joined by a line feed (selectors never contain control
 * characters) with the number of subscriptions following that list.
 */
public final class NodeCountsCodec {

    private static final String GROUP = "g:";

    private NodeCountsCodec() {
    }

    /** The field, value pairs of {@code counts}. */
    public static List<String> fields(NodeCounts counts) {
        List<String> fields = new ArrayList<>(4 + 2 * counts.bySelectors().size());
        fields.addAll(List.of("connections", Integer.toString(counts.connections()),
                "untracked", Integer.toString(counts.untracked())));
        counts.bySelectors().forEach((selectors, count) -> {
            fields.add(GROUP + String.join("\n", selectors));
            fields.add(Integer.toString(count));
        });
        return fields;
    }

    /** The counts of node {@code nodeId} from its hash; throws IllegalArgumentException on a malformed one. */
    public static NodeCounts fromHash(String nodeId, Map<String, String> hash) {
        Map<List<String>, Integer> groups = new HashMap<>();
        hash.forEach((field, value) -> {
            if (field.startsWith(GROUP)) {
                groups.put(Arrays.asList(field.substring(GROUP.length()).split("\n", -1)), Integer.parseInt(value));
            }
        });
        return new NodeCounts(nodeId, Integer.parseInt(hash.getOrDefault("connections", "0")), groups,
                Integer.parseInt(hash.getOrDefault("untracked", "0")));
    }
}
