package dev.herald.testkit;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * A raw HTTP/1.1 server on 127.0.0.1 for client tests: it answers each connection with the next
 * {@link Script} (exact bytes, split where the test wants, silence, abrupt ends) and records every request.
 *
 * <p>Threads: one accept thread, plus one daemon thread per connection that reads the request and plays
 * the script. A connection with no script queued waits for {@link #enqueue} or uses the
 * {@link #respondWith responder}. All public methods are thread-safe. {@link #close()} stops accepting and
 * cuts every open connection; {@link #start(int)} can then bind the same port again, which is how a test
 * restarts "the same server".
 */
public final class ScriptedSseServer implements AutoCloseable {

    /** How long a connection waits for a script before it is answered with 503 (a test forgot one). */
    private static final Duration SCRIPT_WAIT = Duration.ofSeconds(10);

    private final ServerSocket serverSocket;
    private final BlockingQueue<Script> scripts = new LinkedBlockingQueue<>();
    private final BlockingQueue<RecordedRequest> requests = new LinkedBlockingQueue<>();
    private final Set<ScriptedConnection> connections = ConcurrentHashMap.newKeySet();
    private final AtomicLong bytesWritten = new AtomicLong();
    private final AtomicLong requestCount = new AtomicLong();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile Function<RecordedRequest, Script> responder;

    private ScriptedSseServer(ServerSocket serverSocket) {
        this.serverSocket = serverSocket;
        Thread acceptor = new Thread(this::acceptLoop, "scripted-sse-accept-" + serverSocket.getLocalPort());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** Starts a server on a free loopback port. */
    public static ScriptedSseServer start() throws IOException {
        return start(0);
    }

    /** Starts a server on loopback {@code port} (0 for any free port), e.g. to restart on a known port. */
    public static ScriptedSseServer start(int port) throws IOException {
        ServerSocket socket = new ServerSocket();
        socket.setReuseAddress(true);
        socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 50);
        return new ScriptedSseServer(socket);
    }

    /** The port this server listens on. */
    public int port() {
        return serverSocket.getLocalPort();
    }

    /** An {@code http://127.0.0.1:port} URI for {@code pathAndQuery}, which must start with '/'. */
    public URI uri(String pathAndQuery) {
        return URI.create("http://127.0.0.1:" + port() + pathAndQuery);
    }

    /** Queues {@code script} for the next connection; scripts are used once each, in order. */
    public ScriptedSseServer enqueue(Script script) {
        scripts.add(Objects.requireNonNull(script, "script"));
        return this;
    }

    /** Answers connections that find no queued script by calling {@code responder} with their request. */
    public ScriptedSseServer respondWith(Function<RecordedRequest, Script> responder) {
        this.responder = responder;
        return this;
    }

    /** The next request received, waiting up to {@code timeout}; fails the test when none arrives in time. */
    public RecordedRequest takeRequest(Duration timeout) throws InterruptedException {
        RecordedRequest request = requests.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
        if (request == null) {
            throw new AssertionError("expected a request within " + timeout + ", none arrived");
        }
        return request;
    }

    /** How many requests have been received so far. */
    public long requestCount() {
        return requestCount.get();
    }

    /** How many bytes all connections have written so far (status line and headers included). */
    public long bytesWritten() {
        return bytesWritten.get();
    }

    /** True while some connection's write has been blocked at least {@code duration}: a client stopped reading. */
    public boolean writeStalledFor(Duration duration) {
        return connections.stream().anyMatch(c -> c.writeStalledFor(duration.toNanos()));
    }

    /** How many connections are open right now. */
    public int openConnections() {
        return (int) connections.stream().filter(ScriptedConnection::isOpen).count();
    }

    /** Stops accepting and cuts every open connection; idempotent. */
    @Override
    public void close() {
        stopped.countDown();
        try {
            serverSocket.close();
        } catch (IOException ignored) {
            // Nothing to do: the socket is unusable either way.
        }
        connections.forEach(ScriptedConnection::close);
    }

    private void acceptLoop() {
        while (!serverSocket.isClosed()) {
            try {
                Socket socket = serverSocket.accept();
                socket.setTcpNoDelay(true);
                ScriptedConnection connection = new ScriptedConnection(socket, bytesWritten, stopped);
                connections.add(connection);
                Thread handler = new Thread(() -> serve(connection), "scripted-sse-conn-" + socket.getPort());
                handler.setDaemon(true);
                handler.start();
            } catch (IOException closedOrFailed) {
                return; // The server socket was closed: stop accepting.
            }
        }
    }

    private void serve(ScriptedConnection connection) {
        try {
            RecordedRequest request = connection.readRequest();
            requestCount.incrementAndGet();
            requests.add(request);
            connection.play(scriptFor(request));
        } catch (IOException clientLeftOrServerStopped) {
            // Expected in tests that cut connections: the script simply ends here.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            connection.close();
            connections.remove(connection);
        }
    }

    private Script scriptFor(RecordedRequest request) throws InterruptedException {
        Script script = scripts.poll();
        if (script == null && responder != null) {
            script = responder.apply(request);
        }
        if (script == null) {
            script = scripts.poll(SCRIPT_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        }
        return script != null ? script : Script.status(503).body("no script queued for " + request.target());
    }
}
