package dev.herald.server.internal.apps;

import dev.herald.hub.TopicSelector;
import dev.herald.server.internal.auth.MercureClaims;
import dev.herald.server.internal.http.EventStreams;
import dev.herald.server.internal.http.HttpError;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;

/**
 * AI chat token streaming (seed 5.1), resumable.
 * <ul>
 *   <li>{@code GET /api/chat?message=…} starts an answer and streams it: an {@code answer} event naming it, its
 *       tokens as default-type events, then {@code data: [DONE]}. A browser reconnecting to that URL with
 *       {@code Last-Event-ID} (one of the answer's ids) resumes the same answer instead of starting another.</li>
 *   <li>{@code GET /api/chat?answer=ID[&lastEventID=…]} streams an existing answer from the start, or after the
 *       given id: what a reloaded page does.</li>
 *   <li>{@code POST /api/chat/ID/stop} cancels the generation; the stream ends with {@code [DONE]}.</li>
 * </ul>
 */
final class ChatApp implements App {

    private final AppContext context;
    private final ChatAnswers answers;

    ChatApp(AppContext context, ScheduledExecutorService scheduler) {
        this.context = context;
        this.answers = new ChatAnswers(context.hub(), scheduler);
    }

    @Override
    public void mount(Router router) {
        Apps.redirectToDirectory(router, "/chat");
        router.get("/api/chat").handler(this::chat);
        router.post("/api/chat/:answer/stop").handler(this::stop);
    }

    private void chat(RoutingContext ctx) {
        MercureClaims claims = context.authorizer().authorizeSubscribe(ctx.request());
        String lastEventId = EventStreams.lastEventId(ctx);
        String answer = ctx.request().getParam("answer");
        if (answer == null) {
            answer = ChatAnswers.answerOf(lastEventId);
        } else if (!ChatAnswers.isAnswerId(answer)) {
            throw HttpError.badRequest("answer must be an answer id such as c0123456789abcdef, got " + answer);
        }
        if (answer != null) {
            resume(ctx, claims, answer, lastEventId);
            return;
        }
        String message = validMessage(ctx.request().getParam("message"));
        String id = answers.start(message, answerId -> open(ctx, claims, ChatAnswers.topic(answerId), null));
        if (id == null) {
            throw HttpError.unavailable("the chat is generating " + ChatAnswers.MAX_RUNNING
                    + " answers already; try again in a few seconds", 5);
        }
    }

    private void resume(RoutingContext ctx, MercureClaims claims, String answer, String lastEventId) {
        if (!answers.knows(answer)) {
            throw HttpError.notFound("answer " + answer + " is unknown here or expired (answers stay resumable for 10 minutes)");
        }
        if (ChatAnswers.doneId(answer).equals(lastEventId)) {
            // The client saw the whole answer: 204 tells an EventSource to stop reconnecting.
            ctx.response().setStatusCode(204).end();
            return;
        }
        boolean sameAnswer = answer.equals(ChatAnswers.answerOf(lastEventId));
        open(ctx, claims, ChatAnswers.topic(answer), sameAnswer ? lastEventId : ChatAnswers.startId(answer));
    }

    private void open(RoutingContext ctx, MercureClaims claims, String topic, String lastEventId) {
        context.streams().open(ctx, List.of(TopicSelector.parse(topic)), claims, List.of(), lastEventId);
    }

    private void stop(RoutingContext ctx) {
        String answer = ctx.pathParam("answer");
        if (!ChatAnswers.isAnswerId(answer) || !answers.knows(answer)) {
            throw HttpError.notFound("answer " + answer + " is unknown here or expired");
        }
        // The stop completes on the generator's thread; the answer is written on the request's own event loop.
        io.vertx.core.Context requestContext = ctx.vertx().getOrCreateContext();
        answers.stop(answer).whenComplete((stopped, failure) -> requestContext.runOnContext(v -> {
            if (failure != null) {
                ctx.fail(failure);
                return;
            }
            ctx.response().putHeader("Content-Type", "application/json")
                    .end(context.json().createObjectNode().put("stopped", stopped).toString());
        }));
    }

    private static String validMessage(String message) {
        if (message == null || message.isBlank()) {
            throw HttpError.badRequest("message is required and must not be blank, e.g. /api/chat?message=Hello");
        }
        if (message.length() > ChatGenerator.MAX_MESSAGE_LENGTH) {
            throw HttpError.badRequest("message is " + message.length() + " characters long; send at most "
                    + ChatGenerator.MAX_MESSAGE_LENGTH);
        }
        return message;
    }
}
