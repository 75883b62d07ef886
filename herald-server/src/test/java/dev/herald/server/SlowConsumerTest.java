package dev.herald.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.sse.MessageEvent;
import dev.herald.sse.SseListener;
import dev.herald.sse.SseParser;
import dev.herald.testkit.Await;
import dev.herald.testkit.SseRecorder;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SlowConsumerTest {

    private static final int MAX_UPDATES = 20_000;
    private static final int BATCH = 8;

    @Test
    void aSubscriberThatStopsReadingIsCutWhileFiftyOthersReceiveEverything() throws Exception {
        String payload = "x".repeat(4000);
        try (HeraldFixture hub = HeraldFixture.start(HeraldFixture.base().withOutboundBudget(128 * 1024)
                .withHistory(MAX_UPDATES, 256L << 20));
             Socket slow = new Socket()) {
            // A tiny receive window that never opens: the hub's bytes for it pile up on the server side.
            slow.setReceiveBufferSize(4096);
            slow.connect(new InetSocketAddress("127.0.0.1", hub.server.port()));
            slow.getOutputStream().write(("GET /.well-known/mercure?topic=/firehose HTTP/1.1\r\nHost: x\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            List<SseRecorder> readers = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                SseRecorder reader = hub.subscribe("/firehose");
                reader.status();
                readers.add(reader);
            }
            Await.until(() -> hub.server.hub().subscriberCount() == 51, "51 subscribers registered");

            // Batches far below the budget, each awaited by the readers: they are never cut for lagging, while
            // the one that does not read falls further behind with every batch until the hub cuts it.
            List<String> ids = new ArrayList<>();
            while (hub.server.hub().subscriberCount() == 51 && ids.size() < MAX_UPDATES) {
                for (int i = 0; i < BATCH; i++) {
                    ids.add(hub.publish("/firehose", ids.size() + ":" + payload));
                }
                for (SseRecorder reader : readers) {
                    reader.awaitCount(ids.size(), Duration.ofSeconds(30));
                }
            }
            Await.until(() -> hub.server.hub().subscriberCount() == 50, "the slow subscriber to be cut");
            for (int i = 0; i < 20; i++) {
                ids.add(hub.publish("/firehose", "after:" + i));
            }
            for (SseRecorder reader : readers) {
                List<MessageEvent> got = reader.awaitCount(ids.size(), Duration.ofSeconds(60));
                assertThat(got).extracting(MessageEvent::lastEventId).containsExactlyElementsOf(ids);
            }

            // The cut subscriber reads what reached it, resumes from its last id, and misses nothing.
            String lastSeen = lastIdIn(slow.getInputStream());
            int alreadyHad = lastSeen.isEmpty() ? 0 : ids.indexOf(lastSeen) + 1;
            Map<String, String> resume = lastSeen.isEmpty() ? Map.of("Last-Event-ID", "earliest") : Map.of("Last-Event-ID", lastSeen);
            try (SseRecorder resumed = hub.subscribe(resume, "/firehose")) {
                List<MessageEvent> rest = resumed.awaitCount(ids.size() - alreadyHad, Duration.ofSeconds(60));
                assertThat(rest).extracting(MessageEvent::lastEventId).containsExactlyElementsOf(ids.subList(alreadyHad, ids.size()));
            }
            readers.forEach(SseRecorder::close);
        }
    }

    /** Reads the socket to its end (the hub cut it) and returns the last complete event's id. */
    private static String lastIdIn(InputStream in) throws IOException {
        String[] last = {""};
        SseParser parser = new SseParser(new SseListener() {
            @Override
            public void onEvent(MessageEvent event) {
                last[0] = event.lastEventId();
            }
        });
        byte[] buffer = new byte[64 * 1024];
        boolean inBody = false;
        StringBuilder head = new StringBuilder();
        for (int n; (n = readQuietly(in, buffer)) > 0; ) {
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
            // Chunk-size lines are not SSE, but they are never followed by a blank line, so at worst they make
            // the parser see an unknown field; the events themselves parse intact.
            parser.feed(buffer, offset, n - offset);
        }
        return last[0];
    }

    private static int readQuietly(InputStream in, byte[] buffer) {
        try {
            return in.read(buffer);
        } catch (IOException reset) {
            return -1;
        }
    }
}
