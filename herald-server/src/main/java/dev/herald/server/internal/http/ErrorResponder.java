package dev.herald.server.internal.http;

import dev.herald.cluster.NodeDirectoryUnavailableException;
import dev.herald.hub.HubClosedException;
import dev.herald.hub.HubOverloadedException;
import dev.herald.log.LogUnavailableException;
import io.netty.handler.codec.http.multipart.HttpPostRequestDecoder;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place that turns failures into HTTP responses: typed errors become their status and one-line
 * reason as {@code text/plain}; anything unexpected is logged and answered 500 without internals.
 */
public final class ErrorResponder {

    private static final Logger LOG = LoggerFactory.getLogger(ErrorResponder.class);

    private final long maxBodyBytes;

    /** A responder that names {@code maxBodyBytes} when a body is too large. */
    public ErrorResponder(long maxBodyBytes) {
        this.maxBodyBytes = maxBodyBytes;
    }

    /** Handles a failed routing context. */
    public void handle(RoutingContext ctx) {
        Throwable failure = ctx.failure();
        if (failure instanceof HttpError error) {
            respond(ctx, error.status(), error.getMessage(), error.retryAfterSeconds());
        } else if (failure instanceof IllegalArgumentException) {
            respond(ctx, 400, failure.getMessage(), null);
        } else if (failure instanceof HubOverloadedException || failure instanceof HubClosedException) {
            respond(ctx, 503, failure.getMessage(), 1L);
        } else if (failure instanceof LogUnavailableException || failure instanceof NodeDirectoryUnavailableException) {
            respond(ctx, 503, failure.getMessage(), 5L);
        } else if (failure instanceof HttpPostRequestDecoder.TooLongFormFieldException) {
            respond(ctx, 413, "a form field exceeds the limit of " + maxBodyBytes + " bytes (--max-body)", null);
        } else if (failure instanceof HttpPostRequestDecoder.TooManyFormFieldsException) {
            respond(ctx, 400, "too many form fields: at most --max-topics topics and a few other fields are accepted", null);
        } else if (failure instanceof HttpPostRequestDecoder.ErrorDataDecoderException) {
            respond(ctx, 400, "the form body is malformed; send application/x-www-form-urlencoded fields", null);
        } else if (failure == null) {
            respond(ctx, ctx.statusCode(), reasonFor(ctx), null);
        } else {
            LOG.warn("unexpected failure on {} {}", ctx.request().method(), ctx.request().path(), failure);
            respond(ctx, 500, "internal error; the hub logged the details", null);
        }
    }

    private String reasonFor(RoutingContext ctx) {
        return switch (ctx.statusCode()) {
            case 404 -> "no such resource: " + ctx.request().path();
            case 405 -> "method " + ctx.request().method() + " is not allowed on " + ctx.request().path();
            case 413 -> "request body exceeds the limit of " + maxBodyBytes + " bytes (--max-body)";
            case 400 -> "malformed request";
            default -> "request failed with status " + ctx.statusCode();
        };
    }

    /** Writes {@code status} with {@code message} as a one-line plain-text body, unless a response already started. */
    public static void respond(RoutingContext ctx, int status, String message, Long retryAfterSeconds) {
        HttpServerResponse response = ctx.response();
        if (response.headWritten() || response.ended() || response.closed()) {
            return;
        }
        response.setStatusCode(status).putHeader("Content-Type", "text/plain; charset=utf-8");
        if (retryAfterSeconds != null) {
            response.putHeader("Retry-After", String.valueOf(retryAfterSeconds));
        }
        String line = message == null ? "error" : message.replace('\r', ' ').replace('\n', ' ');
        response.end(line + "\n");
    }
}
