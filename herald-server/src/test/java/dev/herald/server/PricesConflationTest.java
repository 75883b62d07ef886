package dev.herald.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.hub.Update;
import dev.herald.sse.MessageEvent;
import dev.herald.sse.SseListener;
import dev.herald.sse.SseParser;
import dev.herald.testkit.Await;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * With the applications on, price topics ({@code /prices/{symbol}}) are conflated by the hub: a raw HTTP reader
 * that stops reading while thousands of quotes are published gets, once it reads again, what the socket already
 * held and then the latest quote per symbol, in log order, instead of the whole backlog (and is not cut).
 */
class PricesConflationTest {

    private static final int ROUNDS = 5_000;
    private static final String[] SYMBOLS = {"T0", "T1", "T2"};
    /**
     * What the slow reader gets unconflated is whatever was already past the hub's queue: the kernel's send buffer
     * (Linux grows it up to {@code tcp_wmem}'s 4 MiB), the channel's 64 KiB write queue and the tiny receive window.
     * Quotes of ~2.1 KB keep that near 2,000 of the 15,000 published however far the send buffer grows; with 60-byte
     * pads one CI run had 10,003 quotes in flight.
     */
    private static final String PAD = "x".repeat(2_000);

    @Test
    void aReaderThatFallsBehindGetsTheLatestPricePerSymbolInOrderNotABacklog() throws IOException {
        try (HeraldFixture hub = HeraldFixture.start(HeraldFixture.base().withApps(true));
             Socket slow = new Socket()) {
            // A tiny receive window, not read while the quotes are published: they pile up on the server side.
            slow.setReceiveBufferSize(4096);
            slow.setSoTimeout(30_000);
            slow.connect(new InetSocketAddress("127.0.0.1", hub.server.port()));
            slow.getOutputStream().write(("GET " + HeraldFixture.mercureQuery("/prices/T0", "/prices/T1", "/prices/T2")
                    + " HTTP/1.1\r\nHost: x\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            Await.until(() -> hub.server.hub().subscriberCount("/prices/T2") == 1, "the slow reader subscribed");

            for (int round = 0; round < ROUNDS; round++) {
                for (int s = 0; s < SYMBOLS.length; s++) {
                    String data = "{\"symbol\":\"" + SYMBOLS[s] + "\",\"seq\":" + (round * SYMBOLS.length + s) + ",\"pad\":\"" + PAD + "\"}";
                    hub.server.hub().publish(new Update(List.of("/prices/" + SYMBOLS[s]), data, null, "priceUpdate", null, false));
                }
            }

            List<Integer> seqs = readUntilLastOfEachSymbol(slow.getInputStream());

            int published = ROUNDS * SYMBOLS.length;
            assertThat(seqs).as("in log order, none twice").isSorted().doesNotHaveDuplicates();
            assertThat(seqs.subList(seqs.size() - SYMBOLS.length, seqs.size()))
                    .as("the latest quote of each symbol arrives last")
                    .containsExactly(published - 3, published - 2, published - 1);
            assertThat(seqs.size()).as("far fewer than the %d published: the backlog was conflated", published)
                    .isLessThan(published / 2);
            assertThat(hub.server.hub().subscriberCount("/prices/T0")).as("never cut as a slow consumer").isEqualTo(1);
        }
    }

    /** Parses the stream (its chunk-size lines fall between events, so they parse as ignorable lines) until every symbol's last quote came. */
    private static List<Integer> readUntilLastOfEachSymbol(InputStream in) throws IOException {
        List<Integer> seqs = new ArrayList<>();
        Map<String, Integer> latest = new HashMap<>();
        SseParser parser = new SseParser(new SseListener() {
            @Override
            public void onEvent(MessageEvent event) {
                int seq = Integer.parseInt(event.data().replaceAll(".*\"seq\":(\\d+).*", "$1"));
                seqs.add(seq);
                latest.put(event.data().substring(11, 13), seq);
            }
        });
        int last = ROUNDS * SYMBOLS.length - 1;
        byte[] buffer = new byte[16 * 1024];
        boolean inBody = false;
        StringBuilder head = new StringBuilder();
        while (!(latest.getOrDefault("T0", -1) == last - 2 && latest.getOrDefault("T1", -1) == last - 1
                && latest.getOrDefault("T2", -1) == last)) {
            int n = in.read(buffer);
            if (n < 0) {
                throw new AssertionError("the hub ended the stream after " + seqs.size() + " quotes");
            }
            int offset = 0;
            if (!inBody) {
                head.append(new String(buffer, 0, n, StandardCharsets.ISO_8859_1));
                int end = head.indexOf("\r\n\r\n");
                if (end < 0) {
                    continue;
                }
                inBody = true;
                offset = n - (head.length() - end - 4);
            }
            parser.feed(buffer, offset, n - offset);
        }
        return seqs;
    }
}
