package dev.herald.testkit;

import dev.herald.sse.MessageEvent;
import dev.herald.sse.SseListener;
import dev.herald.sse.SseParser;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A test subscriber over real HTTP: opens an event stream with the JDK client, parses it with core's
 * parser, and records every event, comment and raw byte for assertions with deadlines. Reading is
 * asynchronous (no thread per stream), so a test can hold thousands; {@link #pause()} stops reading
 * entirely to play a slow consumer.
 */
public final class SseRecorder implements AutoCloseable {

    private final BlockingQueue<MessageEvent> events = new LinkedBlockingQueue<>();
    private final List<MessageEvent> all = new CopyOnWriteArrayList<>();
    private final List<String> comments = new CopyOnWriteArrayList<>();
    private final List<Long> retries = new CopyOnWriteArrayList<>();
    private final ByteArrayOutputStream raw = new ByteArrayOutputStream();
    private final CompletableFuture<HttpResponse<Void>> response;
    private final CompletableFuture<Void> ended = new CompletableFuture<>();
    private final StreamSubscriber body = new StreamSubscriber();
    private final SseParser parser;

    private SseRecorder(HttpClient client, HttpRequest request) {
        this.parser = new SseParser(new SseListener() {
            @Override
            public void onEvent(MessageEvent event) {
                all.add(event);
                events.add(event);
            }

            @Override
            public void onRetry(long millis) {
                retries.add(millis);
            }

            @Override
            public void onComment(String comment) {
                comments.add(comment);
            }
        });
        this.response = client.sendAsync(request, info -> body);
        this.response.whenComplete((r, e) -> {
            if (e != null) {
                ended.complete(null);
            }
        });
    }

    /** Opens a stream to {@code uri} with {@code headers} (name, value pairs) on {@code client}. */
    public static SseRecorder open(HttpClient client, URI uri, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).header("Accept", "text/event-stream").GET();
        headers.forEach(request::header);
        return new SseRecorder(client, request.build());
    }

    /** Opens a stream to {@code uri} with a client of its own. */
    public static SseRecorder open(URI uri) {
        return open(HttpClient.newHttpClient(), uri, Map.of());
    }

    /** The response once its head arrived, or an AssertionError after the default deadline. */
    public HttpResponse<Void> response() {
        try {
            return response.get(Await.DEFAULT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            throw new AssertionError("no response head from the server: " + e, e);
        }
    }

    /** The response status. */
    public int status() {
        return response().statusCode();
    }

    /** The response headers. */
    public HttpHeaders headers() {
        return response().headers();
    }

    /** The next event, or an AssertionError if none arrives within {@code timeout}. */
    public MessageEvent next(Duration timeout) {
        try {
            MessageEvent event = events.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (event == null) {
                throw new AssertionError("no event within " + timeout.toMillis() + " ms; received so far: " + all);
            }
            return event;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** The next event within the default deadline. */
    public MessageEvent next() {
        return next(Await.DEFAULT);
    }

    /** The next {@code count} events, each within the default deadline. */
    public List<MessageEvent> next(int count) {
        List<MessageEvent> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            out.add(next());
        }
        return out;
    }

    /** Waits until {@code count} events in all were received. */
    public List<MessageEvent> awaitCount(int count, Duration timeout) {
        Await.until(timeout, () -> all.size() >= count, () -> count + " events, got " + all.size());
        return List.copyOf(all);
    }

    /** True when no event waits unread; for checking that nothing unexpected came. */
    public boolean nothingUnread() {
        return events.isEmpty();
    }

    /** Every event received so far. */
    public List<MessageEvent> received() {
        return List.copyOf(all);
    }

    /** Every comment received so far (heartbeats are empty comments). */
    public List<String> comments() {
        return List.copyOf(comments);
    }

    /** Every retry value received so far. */
    public List<Long> retries() {
        return List.copyOf(retries);
    }

    /** The raw bytes received so far, decoded as UTF-8. */
    public String rawText() {
        synchronized (raw) {
            return raw.toString(StandardCharsets.UTF_8);
        }
    }

    /** True once the server ended the stream (or it failed). */
    public boolean ended() {
        return ended.isDone();
    }

    /** Waits for the server to end the stream. */
    public void awaitEnd(Duration timeout) {
        Await.until(timeout, ended::isDone, () -> "the server to end the stream");
    }

    /** Stops reading: the server sees a client that does not read (TCP backpressure). */
    public void pause() {
        body.paused = true;
    }

    /** Closes the stream from the client side. */
    @Override
    public void close() {
        body.cancel();
        response.cancel(true);
    }

    /** Reads the body as it comes; its body future is complete at once so the response is visible before the stream ends. */
    private final class StreamSubscriber implements HttpResponse.BodySubscriber<Void> {
        private volatile Flow.Subscription subscription;
        private volatile boolean paused;

        @Override
        public CompletionStage<Void> getBody() {
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription = s;
            s.request(1);
        }

        @Override
        public void onNext(List<ByteBuffer> buffers) {
            synchronized (parser) {
                for (ByteBuffer buffer : buffers) {
                    byte[] bytes = new byte[buffer.remaining()];
                    buffer.get(bytes);
                    synchronized (raw) {
                        raw.writeBytes(bytes);
                    }
                    parser.feed(bytes);
                }
            }
            if (!paused) {
                subscription.request(1);
            }
        }

        @Override
        public void onError(Throwable throwable) {
            ended.complete(null);
        }

        @Override
        public void onComplete() {
            synchronized (parser) {
                parser.end();
            }
            ended.complete(null);
        }

        void cancel() {
            Flow.Subscription s = subscription;
            if (s != null) {
                s.cancel();
            }
        }
    }

}
