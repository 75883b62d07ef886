package dev.herald.hub;

/** Validation of topic names as publishers send them. Placeholder until the selector work lands. */
public final class Topics {
    private Topics() {
    }

    /** Returns {@code topic} if it is a valid topic, else throws an exception saying what is wrong. */
    public static String requireValidTopic(String topic) {
        if (topic == null || topic.isEmpty()) {
            throw new IllegalArgumentException("a topic must not be empty");
        }
        return topic;
    }
}
