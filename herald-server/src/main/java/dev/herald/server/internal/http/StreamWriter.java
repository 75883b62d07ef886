package dev.herald.server.internal.http;

import io.netty.buffer.Unpooled;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.impl.Http1xServerConnection;
import io.vertx.core.net.impl.VertxConnection;

/**
 * Writes an event stream's body after its head, on the connection's event loop.
 *
 * <p>On HTTP/1.x the bytes go straight to the connection's channel with Netty's void promise: a stream
 * never waits for a write to complete (it watches {@link HttpServerResponse#writeQueueFull()}), so the
 * future, the channel promise and the content wrapper Vert.x's {@code response.write} allocates per call
 * would be made per subscriber and event for nothing. The channel's HTTP encoder still frames each write as
 * a chunk, and the head went through the same connection first, so the order on the wire is kept. HTTP/2
 * streams (and any connection Vert.x does not implement this way) write through the response.
 */
abstract sealed class StreamWriter {

    /** The writer for {@code response}, served on {@code connection}. */
    static StreamWriter of(HttpConnection connection, HttpServerResponse response) {
        return connection instanceof Http1xServerConnection http1 ? new Channel(http1) : new Response(response);
    }

    /** Writes {@code bytes} as the next part of the body; on the connection's event loop only. */
    abstract void write(byte[] bytes);

    private static final class Channel extends StreamWriter {
        private final VertxConnection connection;

        Channel(VertxConnection connection) {
            this.connection = connection;
        }

        @Override
        void write(byte[] bytes) {
            connection.writeToChannel(Unpooled.wrappedBuffer(bytes), connection.voidPromise);
        }
    }

    private static final class Response extends StreamWriter {
        private final HttpServerResponse response;

        Response(HttpServerResponse response) {
            this.response = response;
        }

        @Override
        void write(byte[] bytes) {
            response.write(Buffer.buffer(bytes));
        }
    }
}
