package dev.herald.server.internal.http;

import io.netty.handler.codec.TooLongFrameException;
import io.vertx.core.http.HttpServerRequest;

/** Names the limit behind a request head that Vert.x could not decode, for the limit counters. */
public final class InvalidRequests {

    private InvalidRequests() {
    }

    /** The flag whose bound {@code request} exceeded, or {@code malformed-request}. */
    public static String limitOf(HttpServerRequest request) {
        Throwable cause = request.decoderResult() == null ? null : request.decoderResult().cause();
        if (cause instanceof TooLongFrameException) {
            String message = String.valueOf(cause.getMessage());
            if (message.contains("line")) {
                return "--max-url-length";
            }
            if (message.contains("header")) {
                return "--max-header-size";
            }
        }
        return "malformed-request";
    }
}
