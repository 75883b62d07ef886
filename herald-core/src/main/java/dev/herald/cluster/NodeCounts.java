package dev.herald.cluster;

import dev.herald.hub.Subscription;
import dev.herald.hub.TopicSelector;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * One node's subscribers at one moment: how many event streams it holds and, for each distinct list of
 * topic selectors, how many subscriptions follow exactly that list. Keeping whole lists (not one count per
 * selector) lets {@link #following(String)} count a subscription once even when several of its selectors
 * match. Immutable; validated on construction.
 *
 * @param nodeId the node's name, unique in the cluster
 * @param connections the subscriptions (event streams) open on the node
 * @param bySelectors subscriptions per sorted, distinct list of selector texts; at most {@link #MAX_GROUPS}
 * @param untracked subscriptions counted in {@code connections} but left out of {@code bySelectors} by its bound
 */
public record NodeCounts(String nodeId, int connections, Map<List<String>, Integer> bySelectors, int untracked) {

    /**
     * Distinct selector lists kept per node. Per-user selectors can make one list per subscriber; the bound
     * keeps each node's entry (rewritten in Redis every refresh) and the matching work of a count small.
     * Beyond it the smallest groups are only counted, in {@code untracked}.
     */
    public static final int MAX_GROUPS = 1000;

    public NodeCounts {
        if (nodeId == null || nodeId.isBlank() || nodeId.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("a node id must be non-blank text without control characters, got " + nodeId);
        }
        if (connections < 0 || untracked < 0) {
            throw new IllegalArgumentException("counts must be >= 0, got connections " + connections + ", untracked " + untracked);
        }
        if (bySelectors.size() > MAX_GROUPS) {
            throw new IllegalArgumentException("at most " + MAX_GROUPS + " selector lists per node, got " + bySelectors.size());
        }
        Map<List<String>, Integer> copy = new LinkedHashMap<>();
        bySelectors.forEach((selectors, count) -> {
            if (selectors.isEmpty() || count == null || count <= 0) {
                throw new IllegalArgumentException("each selector list is non-empty with a positive count, got " + selectors + "=" + count);
            }
            copy.put(List.copyOf(selectors), count);
        });
        bySelectors = java.util.Collections.unmodifiableMap(copy);
    }

    /** The counts of {@code subscriptions}, the open subscriptions of node {@code nodeId}. */
    public static NodeCounts of(String nodeId, Collection<Subscription> subscriptions) {
        Map<List<String>, Integer> groups = new HashMap<>();
        int connections = 0;
        for (Subscription subscription : subscriptions) {
            groups.merge(key(subscription.request().selectors()), 1, Integer::sum);
            connections++;
        }
        if (groups.size() <= MAX_GROUPS) {
            return new NodeCounts(nodeId, connections, groups, 0);
        }
        List<Map.Entry<List<String>, Integer>> largest = new ArrayList<>(groups.entrySet());
        largest.sort(Map.Entry.<List<String>, Integer>comparingByValue(Comparator.reverseOrder()));
        Map<List<String>, Integer> kept = new HashMap<>();
        largest.subList(0, MAX_GROUPS).forEach(entry -> kept.put(entry.getKey(), entry.getValue()));
        int untracked = largest.subList(MAX_GROUPS, largest.size()).stream().mapToInt(Map.Entry::getValue).sum();
        return new NodeCounts(nodeId, connections, kept, untracked);
    }

    /** The sorted, distinct selector texts of one subscription; most follow one selector, which needs no sorting. */
    private static List<String> key(List<TopicSelector> selectors) {
        if (selectors.size() == 1) {
            return List.of(selectors.get(0).text());
        }
        TreeSet<String> texts = new TreeSet<>();
        selectors.forEach(selector -> texts.add(selector.text()));
        return List.copyOf(texts);
    }

    /**
     * The subscriptions following {@code topic}: those with a selector matching it, each counted once. A lower
     * bound when {@code untracked > 0}. Selectors that do not parse (from a node of another version) match nothing.
     */
    public int following(String topic) {
        int count = 0;
        for (Map.Entry<List<String>, Integer> group : bySelectors.entrySet()) {
            if (group.getKey().stream().anyMatch(text -> matches(text, topic))) {
                count += group.getValue();
            }
        }
        return count;
    }

    /** Subscriptions per selector text, sorted by text; a subscription with several selectors counts under each. */
    public Map<String, Integer> perSelector() {
        Map<String, Integer> counts = new TreeMap<>();
        bySelectors.forEach((selectors, count) -> selectors.forEach(text -> counts.merge(text, count, Integer::sum)));
        return counts;
    }

    private static boolean matches(String selector, String topic) {
        try {
            return TopicSelector.parse(selector).matches(topic);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
