package dev.herald.bench.load;

/**
 * The text of a load-test update: {@code <sendNanos> <sequence> <padding>}, so a receiver in the same process
 * measures publish-to-receive latency and counts lost and doubled updates by sequence.
 * {@link PayloadScanner} reads it back from an event stream.
 */
final class Payload {

    private Payload() {
    }

    /** The payload sent at {@code sendNanos} with {@code sequence}, padded with 'x' to {@code size} characters. */
    static String encode(long sendNanos, long sequence, int size) {
        StringBuilder text = new StringBuilder(size + 40).append(sendNanos).append(' ').append(sequence).append(' ');
        while (text.length() < size) {
            text.append('x');
        }
        return text.toString();
    }
}
