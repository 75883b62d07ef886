package dev.herald.server.internal.http;

import dev.herald.server.LimitsConfig;
import io.netty.handler.codec.TooLongFrameException;
import io.vertx.core.http.HttpServerRequest;

/**
 * Answers request heads that Vert.x could not decode (too long a request line, too large headers, garbage)
 * before any routing: the status a client expects, a one-line reason naming the limit, and the end of the
 * connection, whose framing can no longer be trusted.
 */
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

    /** Answers {@code request} with 414, 431 or 400 and a reason naming the bound from {@code limits}. */
    public static void answer(HttpServerRequest request, LimitsConfig limits) {
        String limit = limitOf(request);
        int status;
        String reason;
        switch (limit) {
            case "--max-url-length" -> {
                status = 414;
                reason = "the request line exceeds " + limits.maxUrlBytes() + " bytes (--max-url-length); send topics in fewer or shorter parameters";
            }
            case "--max-header-size" -> {
                status = 431;
                reason = "the request headers exceed " + limits.maxHeaderBytes() + " bytes (--max-header-size)";
            }
            default -> {
                status = 400;
                reason = "the request head is not valid HTTP";
            }
        }
        request.response()
                .setStatusCode(status)
                .putHeader("Content-Type", "text/plain; charset=utf-8")
                .putHeader("Connection", "close")
                .end(reason + "\n");
    }
}
