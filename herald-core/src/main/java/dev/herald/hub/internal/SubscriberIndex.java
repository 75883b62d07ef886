package dev.herald.hub.internal;

import dev.herald.hub.TopicSelector;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Subscribers by the selectors they follow, so an update finds its subscribers without scanning them all:
 * exact selectors are a hash lookup per topic, and each distinct template is matched once per topic however
 * many subscribers share it. Not thread-safe: the hub guards it with its registry lock.
 *
 * @param <S> the subscriber type
 */
public final class SubscriberIndex<S> {

    private final Map<String, Set<S>> byExactTopic = new HashMap<>();
    private final Map<TopicSelector, Set<S>> byPattern = new HashMap<>();
    private int size;

    /** Adds {@code subscriber} under each of its selectors. */
    public void add(S subscriber, List<TopicSelector> selectors) {
        for (TopicSelector selector : selectors) {
            bucketFor(selector).add(subscriber);
        }
        size++;
    }

    /** Removes {@code subscriber} from each of its selectors. */
    public void remove(S subscriber, List<TopicSelector> selectors) {
        boolean removed = false;
        for (TopicSelector selector : selectors) {
            Map<?, Set<S>> map = selector.isExact() ? byExactTopic : byPattern;
            Object key = selector.isExact() ? selector.text() : selector;
            Set<S> bucket = map.get(key);
            if (bucket != null && bucket.remove(subscriber)) {
                removed = true;
                if (bucket.isEmpty()) {
                    map.remove(key);
                }
            }
        }
        if (removed) {
            size--;
        }
    }

    /** Calls {@code action} for every subscriber with a selector matching one of {@code topics}; a subscriber may come more than once. */
    public void forEachCandidate(List<String> topics, Consumer<S> action) {
        for (String topic : topics) {
            forEachBucket(topic, bucket -> bucket.forEach(action));
        }
    }

    /** Calls {@code action} with each bucket whose selector matches {@code topic}: the exact one, then the templates'. */
    private void forEachBucket(String topic, Consumer<Set<S>> action) {
        Set<S> exact = byExactTopic.get(topic);
        if (exact != null) {
            action.accept(exact);
        }
        for (Map.Entry<TopicSelector, Set<S>> entry : byPattern.entrySet()) {
            if (entry.getKey().matches(topic)) {
                action.accept(entry.getValue());
            }
        }
    }

    /** The distinct subscribers with a selector matching {@code topic}. */
    public int count(String topic) {
        List<Set<S>> matching = new ArrayList<>(2);
        forEachBucket(topic, matching::add);
        if (matching.size() == 1) {
            // The usual case (one selector for the topic): its bucket's size. Copying a million subscribers into a
            // set to count them would stall every publish that reports a count, under the hub's registry lock.
            return matching.get(0).size();
        }
        // A subscriber may be in several matching buckets: count it once.
        Set<S> seen = new HashSet<>();
        matching.forEach(seen::addAll);
        return seen.size();
    }

    /** The number of subscribers indexed. */
    public int size() {
        return size;
    }

    /** A snapshot of all subscribers. */
    public List<S> all() {
        Set<S> seen = new LinkedHashSet<>();
        byExactTopic.values().forEach(seen::addAll);
        byPattern.values().forEach(seen::addAll);
        return new ArrayList<>(seen);
    }

    private Set<S> bucketFor(TopicSelector selector) {
        if (selector.isExact()) {
            return byExactTopic.computeIfAbsent(selector.text(), k -> new LinkedHashSet<>());
        }
        return byPattern.computeIfAbsent(selector, k -> new LinkedHashSet<>());
    }
}
