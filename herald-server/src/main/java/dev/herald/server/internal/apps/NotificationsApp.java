package dev.herald.server.internal.apps;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.herald.hub.TopicSelector;
import dev.herald.hub.Update;
import dev.herald.server.internal.auth.MercureClaims;
import dev.herald.server.internal.http.HttpError;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * Real-time notifications (seed 5.4): private, per user, in every tab of that user.
 * <ul>
 *   <li>{@code POST /api/notifications/session} {@code {"name"}} signs in (an {@code HttpOnly} cookie, see
 *       {@link UserSessions}); {@code GET} says who is signed in; {@code DELETE} signs out.</li>
 *   <li>{@code GET /api/notifications}: the user's stream: {@code notification} events
 *       {@code {id, message, from, time}} and {@code read} events {@code {notificationId}}.</li>
 *   <li>{@code POST /api/notifications} {@code {"to", "message"}} sends a notification to a user;
 *       {@code POST /api/notifications/{id}/read} tells all of the user's tabs it was read.</li>
 * </ul>
 * Both events are private updates on {@code /users/{name}/notifications}: only streams holding that user's
 * claim receive them. Without a session: 401; a bad name or message: 400.
 */
final class NotificationsApp implements App {

    /** The longest notification text accepted. */
    static final int MAX_MESSAGE_LENGTH = 500;

    private static final String ID_PATTERN = "n[0-9a-f]{32}";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final AppContext context;
    private final UserSessions sessions = new UserSessions(Clock.systemUTC());

    NotificationsApp(AppContext context) {
        this.context = context;
    }

    @Override
    public void mount(Router router) {
        Apps.redirectToDirectory(router, "/notifications");
        BodyHandler body = BodyHandler.create(false).setBodyLimit(context.maxBodyBytes());
        router.post("/api/notifications/session").handler(body).handler(this::signIn);
        router.get("/api/notifications/session").handler(this::whoAmI);
        router.delete("/api/notifications/session").handler(this::signOut);
        router.get("/api/notifications").handler(this::stream);
        router.post("/api/notifications").handler(body).handler(this::send);
        router.post("/api/notifications/:id/read").handler(this::read);
    }

    private void signIn(RoutingContext ctx) {
        String name = UserSessions.validName("name", field(ctx, "name"));
        ctx.response().addCookie(sessions.signIn(name, ctx.request().isSSL())).putHeader("Cache-Control", "no-store");
        json(ctx, context.json().createObjectNode().put("name", name));
    }

    private void whoAmI(RoutingContext ctx) {
        json(ctx, context.json().createObjectNode().put("name", sessions.user(ctx.request()).subject()));
    }

    private void signOut(RoutingContext ctx) {
        ctx.response().addCookie(sessions.signOut(ctx.request().isSSL())).setStatusCode(204).end();
    }

    private void stream(RoutingContext ctx) {
        MercureClaims user = sessions.user(ctx.request());
        context.streams().open(ctx, List.of(TopicSelector.parse(UserSessions.topic(user.subject()))), user, List.of());
    }

    private void send(RoutingContext ctx) {
        MercureClaims user = sessions.user(ctx.request());
        String to = UserSessions.validName("to", field(ctx, "to"));
        String message = field(ctx, "message");
        if (message == null || message.isBlank() || message.length() > MAX_MESSAGE_LENGTH) {
            throw HttpError.badRequest("message must be 1 to " + MAX_MESSAGE_LENGTH + " characters, got "
                    + (message == null ? "none" : message.length()));
        }
        context.publishPolicy().check(ctx.request(), user);
        String id = "n" + HexFormat.of().formatHex(randomBytes());
        ObjectNode data = context.json().createObjectNode().put("id", id).put("message", message)
                .put("from", user.subject()).put("time", java.time.Instant.now().toString());
        publish(ctx, new Update(List.of(UserSessions.topic(to)), data.toString(), id, "notification", null, true),
                context.json().createObjectNode().put("id", id).put("to", to));
    }

    private void read(RoutingContext ctx) {
        MercureClaims user = sessions.user(ctx.request());
        String id = ctx.pathParam("id");
        if (id == null || !id.matches(ID_PATTERN)) {
            throw HttpError.badRequest("the notification id must be one a notification event carried (n and 32 hex digits), got " + id);
        }
        context.publishPolicy().check(ctx.request(), user);
        String data = context.json().createObjectNode().put("notificationId", id).toString();
        publish(ctx, new Update(List.of(UserSessions.topic(user.subject())), data, null, "read", null, true),
                context.json().createObjectNode().put("read", id));
    }

    private void publish(RoutingContext ctx, Update update, ObjectNode answer) {
        context.streams().hubCalls().run(ctx, () -> context.hub().publish(update), published -> json(ctx, answer));
    }

    /** A field of a JSON object body or of a form. */
    private String field(RoutingContext ctx, String name) {
        String type = ctx.request().getHeader("Content-Type");
        if (type != null && type.toLowerCase(Locale.ROOT).startsWith("application/json")) {
            try {
                JsonNode body = context.json().readTree(ctx.body().asString("UTF-8"));
                JsonNode value = body == null ? null : body.get(name);
                return value == null || !value.isTextual() ? null : value.asText();
            } catch (JsonProcessingException e) {
                throw HttpError.badRequest("the body is not valid JSON: " + e.getOriginalMessage());
            }
        }
        if (type != null && type.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded")) {
            return ctx.request().getFormAttribute(name);
        }
        throw HttpError.unsupportedMediaType("send JSON (Content-Type application/json) or a form, got " + type);
    }

    private static void json(RoutingContext ctx, ObjectNode body) {
        ctx.response().putHeader("Content-Type", "application/json").end(body.toString());
    }

    private static byte[] randomBytes() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return bytes;
    }
}
