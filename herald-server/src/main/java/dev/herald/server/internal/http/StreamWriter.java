package dev.herald.server.internal.http;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.vertx.core.Context;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.impl.Http1xServerConnection;
import java.util.List;

/**
 * Writes an event stream's body after its head, on the connection's event loop.
 *
 * <p>On chunked HTTP/1.x the bytes go to the channel as ready-framed chunks shared by the event loop's
 * streams ({@link ChunkFrames}), with Netty's void promise: a stream never waits for a write to complete (it
 * watches {@link HttpServerResponse#writeQueueFull()}), so the future, the channel promise, the content
 * wrapper and the copy Vert.x's {@code response.write} makes per call would be made per subscriber and event
 * for nothing. HTTP/2 streams (and any connection Vert.x does not serve this way) write through the response.
 */
abstract sealed class StreamWriter {

    /** The names Vert.x gives its HTTP/1.x response encoder and its response compressor in the pipeline. */
    private static final String HTTP_ENCODER = "httpEncoder";
    private static final String COMPRESSOR = "deflater";

    /** The writer for {@code response}, served on {@code connection}; call on the connection's event loop. */
    static StreamWriter of(Context context, HttpConnection connection, HttpServerResponse response) {
        if (connection instanceof Http1xServerConnection http1 && response.isChunked()) {
            ChannelPipeline pipeline = http1.channelHandlerContext().pipeline();
            ChannelHandlerContext encoder = pipeline.context(HTTP_ENCODER);
            // A compressor after the encoder would have to see every chunk: then the bytes go the usual way.
            if (encoder != null && pipeline.get(COMPRESSOR) == null) {
                return new Chunks(encoder, ChunkFrames.of(context));
            }
        }
        return new Response(response);
    }

    /** Writes {@code events} as the next part of the body, in one write; returns their bytes; on the event loop only. */
    abstract long write(List<byte[]> events);

    /**
     * Writes framed chunks from the HTTP encoder's place in the pipeline, so they pass only the handlers below
     * it (TLS, when on) and the encoder frames nothing twice. Vert.x, in strict thread mode, has written the
     * head and every earlier part through the channel already, so the order holds.
     */
    private static final class Chunks extends StreamWriter {
        private final ChannelHandlerContext encoder;
        private final ChunkFrames frames;

        Chunks(ChannelHandlerContext encoder, ChunkFrames frames) {
            this.encoder = encoder;
            this.frames = frames;
        }

        @Override
        long write(List<byte[]> events) {
            int bytes = 0;
            for (int i = 0; i < events.size(); i++) {
                bytes += events.get(i).length;
            }
            encoder.writeAndFlush(frames.chunk(events, bytes, encoder.alloc()), encoder.voidPromise());
            return bytes;
        }
    }

    private static final class Response extends StreamWriter {
        private final HttpServerResponse response;

        Response(HttpServerResponse response) {
            this.response = response;
        }

        @Override
        long write(List<byte[]> events) {
            if (events.size() == 1) {
                byte[] event = events.get(0);
                response.write(Buffer.buffer(event));
                return event.length;
            }
            // A stream that fell behind writes what waits in one response write, not one per event.
            Buffer batch = Buffer.buffer();
            for (int i = 0; i < events.size(); i++) {
                batch.appendBytes(events.get(i));
            }
            response.write(batch);
            return batch.length();
        }
    }
}
