package dev.herald.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PayloadScannerTest {

    /** Herald's Mercure framing, the seed's JSON (Spring, Express, Herald's /api/events) and Nchan's, in one stream. */
    private static final String STREAM = ""
            + ": heartbeat\n\n"
            + "event: connect\ndata: 연결 성공\n\n"
            + "id: urn:uuid:1234-5678\ndata: 111 0 xxxxx\n\n"
            + "event: notification\ndata: {\"message\":\"222 1 xxxxx\"}\n\n"
            + ": hi\n\n"
            + "event: notification\nid: 1795594271:0\ndata: 333 2 xx\n\n"
            + "retry: 3000\n\n"
            + "data: 444 3 x\r\n\r\n"
            + "data: 555 4\r\rdata:666 5\n\n";

    @Test
    void findsEveryPayloadAndNothingElseWhereverTheChunksSplit() {
        byte[] bytes = STREAM.getBytes(StandardCharsets.UTF_8);
        List<String> whole = scan(bytes, bytes.length);
        assertThat(whole).containsExactly("111/0", "222/1", "333/2", "444/3", "555/4", "666/5");
        for (int chunk = 1; chunk < 16; chunk++) {
            assertThat(scan(bytes, chunk)).as("chunks of %d bytes", chunk).isEqualTo(whole);
        }
    }

    @Test
    void anEventWithoutTwoNumbersIsNotAPayload() {
        byte[] bytes = ("data: 12\n\n" + "data: abc 7\n\n" + "data: 12x 7\n\n" + "event: 1 2\n\n" + "data: 9 8 z\n\n")
                .getBytes(StandardCharsets.UTF_8);
        assertThat(scan(bytes, bytes.length)).containsExactly("9/8");
    }

    @Test
    void anEventIsReportedOnlyWhenItsBlankLineArrives() {
        List<String> found = new ArrayList<>();
        PayloadScanner scanner = new PayloadScanner((send, sequence) -> found.add(send + "/" + sequence));
        byte[] first = "data: 10 20 x\n".getBytes(StandardCharsets.UTF_8);
        scanner.feed(Unpooled.wrappedBuffer(first));
        assertThat(found).isEmpty();
        scanner.feed(Unpooled.wrappedBuffer(new byte[] {'\n'}));
        assertThat(found).containsExactly("10/20");
    }

    @Test
    void aLongPaddingIsSkippedToItsLineEndWhateverTheLineEnding() {
        String padding = "x".repeat(10_000);
        byte[] bytes = ("data: 1 2 " + padding + "\n\n" + ": " + padding + "\r\n\r\n" + "data: 3 4 " + padding + "\r\r"
                + "event: " + padding + "\ndata: 5 6\n\n").getBytes(StandardCharsets.UTF_8);
        for (int chunk : new int[] {bytes.length, 4096, 7, 1}) {
            assertThat(scan(bytes, chunk)).as("chunks of %d bytes", chunk).containsExactly("1/2", "3/4", "5/6");
        }
    }

    private static List<String> scan(byte[] bytes, int chunk) {
        List<String> found = new ArrayList<>();
        PayloadScanner scanner = new PayloadScanner((send, sequence) -> found.add(send + "/" + sequence));
        for (int offset = 0; offset < bytes.length; offset += chunk) {
            scanner.feed(Unpooled.wrappedBuffer(bytes, offset, Math.min(chunk, bytes.length - offset)));
        }
        return found;
    }
}
