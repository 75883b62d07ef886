package dev.herald.testkit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One accepted socket of a {@link ScriptedSseServer}: reads the request, then plays a {@link Script}.
 * Runs on its own thread; {@link #close()} may be called from any thread to cut it.
 */
final class ScriptedConnection {

    /** Request heads larger than this are refused: a test client never sends one, a bug might loop. */
    private static final int MAX_HEAD_BYTES = 64 * 1024;

    private final Socket socket;
    private final AtomicLong bytesWritten;
    private final CountDownLatch stopped;
    /** System.nanoTime() when the write in progress began, or 0 while not writing. */
    private volatile long writeStartedNanos;

    ScriptedConnection(Socket socket, AtomicLong bytesWritten, CountDownLatch stopped) {
        this.socket = socket;
        this.bytesWritten = bytesWritten;
        this.stopped = stopped;
    }

    /** Reads one request head (and a body announced by Content-Length). */
    RecordedRequest readRequest() throws IOException {
        InputStream in = socket.getInputStream();
        String[] lines = readHead(in).split("\r\n");
        String[] requestLine = lines[0].split(" ");
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                String name = lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT);
                headers.computeIfAbsent(name, k -> new ArrayList<>()).add(lines[i].substring(colon + 1).trim());
            }
        }
        List<String> length = headers.getOrDefault("content-length", List.of("0"));
        byte[] body = in.readNBytes(Integer.parseInt(length.get(0)));
        return new RecordedRequest(requestLine[0], requestLine.length > 1 ? requestLine[1] : "", headers,
                new String(body, StandardCharsets.UTF_8));
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int b = in.read();
            if (b < 0 || head.size() > MAX_HEAD_BYTES) {
                throw new IOException("connection ended before a complete request head");
            }
            head.write(b);
            matched = (b == (matched % 2 == 0 ? '\r' : '\n')) ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }

    /** Plays {@code script}: status line, headers, then every step; closes normally at the end. */
    void play(Script script) throws IOException, InterruptedException {
        StringBuilder head = new StringBuilder("HTTP/1.1 ").append(script.status()).append(" Scripted\r\n");
        script.headers().forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
        head.append("Connection: close\r\n\r\n");
        byte[] bytes = head.toString().getBytes(StandardCharsets.ISO_8859_1);
        write(bytes, 0, bytes.length);
        for (Script.Step step : script.steps()) {
            if (socket.isClosed()) {
                return;
            }
            step.run(this);
        }
    }

    void write(byte[] bytes, int offset, int length) throws IOException {
        OutputStream out = socket.getOutputStream();
        writeStartedNanos = System.nanoTime();
        try {
            out.write(bytes, offset, length);
            out.flush();
        } finally {
            writeStartedNanos = 0;
        }
        bytesWritten.addAndGet(length);
    }

    /** True while a write call has been blocked for at least {@code nanos}: the client stopped reading. */
    boolean writeStalledFor(long nanos) {
        long started = writeStartedNanos;
        return started != 0 && System.nanoTime() - started >= nanos;
    }

    void awaitCue(CountDownLatch cue) throws InterruptedException {
        while (!cue.await(10, TimeUnit.MILLISECONDS)) {
            if (stopped.getCount() == 0 || socket.isClosed()) {
                return;
            }
        }
    }

    /** Reads (and drops) until the client closes its side or the socket is closed under us. */
    void holdUntilClientLeaves() throws IOException {
        try {
            InputStream in = socket.getInputStream();
            byte[] sink = new byte[512];
            while (in.read(sink) >= 0) {
                // A client sends nothing more on an SSE connection; just wait for its end.
            }
        } catch (SocketException closedUnderUs) {
            // The server stopped or the client reset: either way this connection is over.
        }
        close();
    }

    void reset() throws IOException {
        socket.setSoLinger(true, 0);
        close();
    }

    boolean isOpen() {
        return !socket.isClosed();
    }

    void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // Closing is best effort; the socket is unusable either way.
        }
    }
}
