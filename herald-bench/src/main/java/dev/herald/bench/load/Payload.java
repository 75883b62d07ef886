package dev.herald.bench.load;

/**
 * The body of a load-test update: {@code <sendNanos> <sequence> <padding>}, so a receiver in the same process
 * measures publish-to-receive latency and notices lost updates by gaps in the sequence.
 */
record Payload(long sendNanos, long sequence) {

    static String encode(long sendNanos, long sequence, int size) {
        StringBuilder text = new StringBuilder(size + 40).append(sendNanos).append(' ').append(sequence).append(' ');
        while (text.length() < size) {
            text.append('x');
        }
        return text.toString();
    }

    /** Parses {@code data}, or returns null when it is not a load-test payload. */
    static Payload decode(String data) {
        int first = data.indexOf(' ');
        int second = first < 0 ? -1 : data.indexOf(' ', first + 1);
        if (second < 0) {
            return null;
        }
        try {
            return new Payload(Long.parseLong(data, 0, first, 10), Long.parseLong(data, first + 1, second, 10));
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
