package dev.herald.client;

import dev.herald.client.internal.ListenerDispatcher;
import dev.herald.client.internal.RealEventSource;
import dev.herald.client.internal.RealEventStream;
import dev.herald.client.internal.SharedHttpClient;
import dev.herald.client.internal.SourceConfig;
import dev.herald.client.internal.SourceHandler;
import dev.herald.client.internal.TimeSource;
import dev.herald.sse.MessageEvent;
import dev.herald.sse.SseParser;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Configures an {@link EventSource}: request, reconnection, timeouts and listeners. Every setting has a
 * sensible default; {@link #start()} or {@link #openStream()} builds and starts the source. Not
 * thread-safe; a builder may build several sources, each taking a snapshot of its settings.
 */
public final class EventSourceBuilder {

    /** The response header in which a Herald server advertises its heartbeat interval, in milliseconds. */
    public static final String HEARTBEAT_HEADER = "Herald-Heartbeat-Ms";
    /** The read timeout is this many advertised heartbeat intervals: one late heartbeat is not a dead link. */
    public static final int HEARTBEAT_TIMEOUT_FACTOR = 3;
    /**
     * The read timeout when the server advertises no heartbeat: generous, since a quiet stream is normal and
     * servers commonly send heartbeats every 15 to 30 s.
     */
    public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(90);
    /** The reconnection time until the server sends {@code retry:}. */
    public static final Duration DEFAULT_RETRY_DELAY = Duration.ofSeconds(1);
    /** How long a connection must stay open before the backoff starts over. */
    public static final Duration DEFAULT_RESET_BACKOFF_AFTER = Duration.ofSeconds(60);
    /** The largest event accepted by default, in characters: bounds the memory one event may take. */
    public static final int DEFAULT_MAX_EVENT_CHARS = SseParser.DEFAULT_MAX_EVENT_CHARS;
    /** How many events the pull API buffers by default before the source stops reading. */
    public static final int DEFAULT_STREAM_CAPACITY = 64;

    private static final AtomicInteger THREAD_COUNT = new AtomicInteger();

    private final URI baseUri;
    private final StringBuilder query = new StringBuilder();
    private final Map<String, String> headers = new LinkedHashMap<>();
    private String lastEventId = "";
    private HttpClient httpClient;
    private Duration retryDelay = DEFAULT_RETRY_DELAY;
    private BackoffStrategy backoff = BackoffStrategy.exponential();
    private ErrorStrategy errorStrategy = ErrorStrategy.specCompliant();
    private Duration readTimeout;
    private Duration resetBackoffAfter = DEFAULT_RESET_BACKOFF_AFTER;
    private int maxEventChars = DEFAULT_MAX_EVENT_CHARS;
    private ThreadFactory threadFactory = EventSourceBuilder::daemonThread;
    private TimeSource time = TimeSource.SYSTEM;
    private final List<Consumer<OpenEvent>> openListeners = new ArrayList<>();
    private final Map<String, List<Consumer<MessageEvent>>> typeListeners = new HashMap<>();
    private final List<Consumer<MessageEvent>> eventListeners = new ArrayList<>();
    private final List<Consumer<String>> commentListeners = new ArrayList<>();
    private final List<Consumer<ErrorEvent>> errorListeners = new ArrayList<>();
    private final List<Consumer<CloseReason>> closedListeners = new ArrayList<>();

    EventSourceBuilder(URI uri) {
        Objects.requireNonNull(uri, "uri");
        String scheme = uri.getScheme();
        if (!"http".equalsIgnoreCase(scheme) && !"https".equalsIgnoreCase(scheme)) {
            throw new IllegalArgumentException("uri must be http or https, got " + uri);
        }
        this.baseUri = uri;
    }

    /** Sends header {@code name: value} with every request (e.g. {@code Authorization}); replaces an earlier value. */
    public EventSourceBuilder header(String name, String value) {
        requireNoLineBreak("header name", name);
        requireNoLineBreak("header " + name, value);
        headers.put(name, value);
        return this;
    }

    /** Adds a {@code topic} query parameter, as a Mercure hub expects; repeat for several topics. */
    public EventSourceBuilder topic(String topic) {
        return queryParameter("topic", topic);
    }

    /** Adds query parameter {@code name=value} (URL-encoded) to the URI; repeatable. */
    public EventSourceBuilder queryParameter(String name, String value) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
        query.append(query.length() == 0 ? "" : "&").append(encode(name)).append('=').append(encode(value));
        return this;
    }

    /** Starts from {@code id}: sent as {@code Last-Event-ID} on the first request, so the server resumes after it. */
    public EventSourceBuilder lastEventId(String id) {
        requireNoLineBreak("lastEventId", id);
        if (id.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("lastEventId must not contain NUL (no server could have sent it)");
        }
        this.lastEventId = id;
        return this;
    }

    /**
     * Makes requests with {@code client} instead of a shared default one (redirects followed). Event streams
     * are requested over HTTP/1.1 whatever the client prefers: one connection per stream, so that a dead one
     * can be dropped and replaced; the JDK client cannot drop a single HTTP/2 connection.
     */
    public EventSourceBuilder httpClient(HttpClient client) {
        this.httpClient = Objects.requireNonNull(client, "client");
        return this;
    }

    /** The reconnection time until the server sends {@code retry:} ({@link #DEFAULT_RETRY_DELAY} by default). */
    public EventSourceBuilder retryDelay(Duration delay) {
        this.retryDelay = requireNonNegative("retryDelay", delay);
        return this;
    }

    /** How reconnection delays grow over repeated failures ({@link BackoffStrategy#exponential()} by default). */
    public EventSourceBuilder backoff(BackoffStrategy strategy) {
        this.backoff = Objects.requireNonNull(strategy, "strategy");
        return this;
    }

    /** Which failures are retried ({@link ErrorStrategy#specCompliant()} by default). */
    public EventSourceBuilder errorStrategy(ErrorStrategy strategy) {
        this.errorStrategy = Objects.requireNonNull(strategy, "strategy");
        return this;
    }

    /**
     * A fixed read timeout: a connection on which no byte arrives for this long is replaced. {@link Duration#ZERO}
     * turns it off. By default it is {@value #HEARTBEAT_TIMEOUT_FACTOR}× the heartbeat interval the server
     * advertises in {@value #HEARTBEAT_HEADER}, or {@link #DEFAULT_READ_TIMEOUT} when it advertises none.
     */
    public EventSourceBuilder readTimeout(Duration timeout) {
        this.readTimeout = requireNonNegative("readTimeout", timeout);
        return this;
    }

    /** How long a connection must stay open for the backoff to start over ({@link #DEFAULT_RESET_BACKOFF_AFTER}). */
    public EventSourceBuilder resetBackoffAfter(Duration period) {
        this.resetBackoffAfter = requireNonNegative("resetBackoffAfter", period);
        return this;
    }

    /**
     * The largest line or event data accepted, in characters ({@link #DEFAULT_MAX_EVENT_CHARS} by default);
     * a larger one ends the source with a {@link MalformedStreamException}.
     */
    public EventSourceBuilder maxEventChars(int max) {
        if (max < 1) {
            throw new IllegalArgumentException("maxEventChars must be >= 1, got " + max);
        }
        this.maxEventChars = max;
        return this;
    }

    /** Makes the source's thread with {@code factory} (by default a daemon thread named {@code herald-eventsource-N}). */
    public EventSourceBuilder threadFactory(ThreadFactory factory) {
        this.threadFactory = Objects.requireNonNull(factory, "factory");
        return this;
    }

    /** Calls {@code listener} each time a connection opens. */
    public EventSourceBuilder onOpen(Consumer<OpenEvent> listener) {
        openListeners.add(Objects.requireNonNull(listener, "listener"));
        return this;
    }

    /** Calls {@code listener} for each event of type {@code type} ({@code message} for events without {@code event:}). */
    public EventSourceBuilder on(String type, Consumer<MessageEvent> listener) {
        Objects.requireNonNull(type, "type");
        typeListeners.computeIfAbsent(type, t -> new ArrayList<>()).add(Objects.requireNonNull(listener, "listener"));
        return this;
    }

    /** Calls {@code listener} for every event, whatever its type, after the listeners for that type. */
    public EventSourceBuilder onEvent(Consumer<MessageEvent> listener) {
        eventListeners.add(Objects.requireNonNull(listener, "listener"));
        return this;
    }

    /** Calls {@code listener} for each comment line (heartbeats), without the leading colon and space. */
    public EventSourceBuilder onComment(Consumer<String> listener) {
        commentListeners.add(Objects.requireNonNull(listener, "listener"));
        return this;
    }

    /** Calls {@code listener} each time a connection fails or ends, retried or not. */
    public EventSourceBuilder onError(Consumer<ErrorEvent> listener) {
        errorListeners.add(Objects.requireNonNull(listener, "listener"));
        return this;
    }

    /** Calls {@code listener} once, last, when the source has closed for good. */
    public EventSourceBuilder onClosed(Consumer<CloseReason> listener) {
        closedListeners.add(Objects.requireNonNull(listener, "listener"));
        return this;
    }

    /** Builds the source and starts connecting on its own thread; the listeners are called there. */
    public EventSource start() {
        RealEventSource source = new RealEventSource(config(), dispatcher());
        source.start();
        return source;
    }

    /** Builds the source with a pull API buffering {@link #DEFAULT_STREAM_CAPACITY} events, and starts it. */
    public EventStream openStream() {
        return openStream(DEFAULT_STREAM_CAPACITY);
    }

    /** Builds the source with a pull API buffering at most {@code capacity} events, and starts it. */
    public EventStream openStream(int capacity) {
        RealEventStream stream = new RealEventStream(capacity);
        RealEventSource source = new RealEventSource(config(), SourceHandler.all(List.of(dispatcher(), stream)));
        stream.attach(source);
        source.start();
        return stream;
    }

    /** Test seam: the clock and the backoff waits. */
    EventSourceBuilder timeSource(TimeSource timeSource) {
        this.time = Objects.requireNonNull(timeSource, "timeSource");
        return this;
    }

    private SourceConfig config() {
        return new SourceConfig(uri(), Map.copyOf(headers), lastEventId,
                httpClient != null ? httpClient : SharedHttpClient.get(), retryDelay, backoff, errorStrategy,
                readTimeout, DEFAULT_READ_TIMEOUT, resetBackoffAfter, maxEventChars, threadFactory, time);
    }

    private ListenerDispatcher dispatcher() {
        Map<String, List<Consumer<MessageEvent>>> byType = new HashMap<>();
        typeListeners.forEach((type, listeners) -> byType.put(type, List.copyOf(listeners)));
        return new ListenerDispatcher(openListeners, byType, eventListeners, commentListeners, errorListeners,
                closedListeners);
    }

    private URI uri() {
        if (query.length() == 0) {
            return baseUri;
        }
        String base = baseUri.toString();
        int fragment = base.indexOf('#');
        String withoutFragment = fragment < 0 ? base : base.substring(0, fragment);
        return URI.create(withoutFragment + (baseUri.getRawQuery() == null ? "?" : "&") + query);
    }

    private static Thread daemonThread(Runnable task) {
        Thread thread = new Thread(task, "herald-eventsource-" + THREAD_COUNT.incrementAndGet());
        thread.setDaemon(true);
        return thread;
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static Duration requireNonNegative(String name, Duration value) {
        Objects.requireNonNull(value, name);
        if (value.isNegative()) {
            throw new IllegalArgumentException(name + " must be >= 0, got " + value);
        }
        return value;
    }

    private static void requireNoLineBreak(String name, String value) {
        Objects.requireNonNull(value, name);
        if (value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0) {
            throw new IllegalArgumentException(name + " must not contain CR or LF (it would inject headers)");
        }
    }
}
