package dev.herald.server.internal.apps;

import dev.herald.hub.SubscribeRequest;
import dev.herald.hub.TopicSelector;
import dev.herald.server.internal.auth.MercureClaims;
import dev.herald.server.internal.http.EventStreams;
import dev.herald.server.internal.http.HttpError;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * Upload progress (seed 5.3).
 * <ul>
 *   <li>{@code POST /api/upload}: a multipart form with the file in the field {@code file}; streamed to a
 *       temporary file (never into memory), answered {@code {"uploadId": …}} as soon as it is stored, then
 *       processed in stages. A refused upload is answered with its status and {@code {"uploadId", "error"}}.</li>
 *   <li>{@code GET /api/upload/progress/{uploadId}}: the stages as default-type events
 *       {@code {stage, percent, message}}, from the first one whenever the page opens; 204 once the client has
 *       seen the last (so a browser stops reconnecting). Knowing the id is what grants access.</li>
 * </ul>
 */
final class UploadApp implements App {

    /** Uploads being received or processed at once; beyond it 503, bounding the temporary disk in use. */
    static final int MAX_ACTIVE = 16;

    private static final String ID_PATTERN = "u[0-9a-f]{32}";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final AppContext context;
    private final Path directory;
    private final ScheduledExecutorService worker;
    private final AtomicInteger active = new AtomicInteger();

    UploadApp(AppContext context) {
        this.context = context;
        try {
            this.directory = Files.createTempDirectory("herald-uploads-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary directory for uploads", e);
        }
        this.worker = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "herald-uploads");
            thread.setDaemon(true);
            return thread;
        });
    }

    @Override
    public void mount(Router router) {
        Apps.redirectToDirectory(router, "/upload");
        // No BodyHandler: the receiver streams the body to disk itself, so --max-body does not apply here.
        router.post("/api/upload").handler(this::upload);
        router.get("/api/upload/progress/:uploadId").handler(this::progress);
    }

    private void upload(RoutingContext ctx) {
        if (active.incrementAndGet() > MAX_ACTIVE) {
            active.decrementAndGet();
            throw HttpError.unavailable(MAX_ACTIVE + " uploads are in progress already; try again in a few seconds", 5);
        }
        String uploadId = "u" + HexFormat.of().formatHex(randomBytes());
        UploadProgress progress = new UploadProgress(context.hub(), context.json(), worker, uploadId);
        io.vertx.core.Future<UploadReceiver.Stored> received;
        try {
            received = new UploadReceiver(ctx.request(), directory.resolve(uploadId + ".upload"), context.maxUploadBytes(),
                    progress, context.bodyProgress()).receive();
        } catch (RuntimeException e) {
            active.decrementAndGet();
            throw e;
        }
        received
                .onSuccess(stored -> {
                    answer(ctx, 200, uploadId, null);
                    UploadProcessing.start(worker, stored, progress, active::decrementAndGet);
                })
                .onFailure(failure -> {
                    active.decrementAndGet();
                    int status = failure instanceof UploadReceiver.Refused refused ? refused.status : 500;
                    answer(ctx, status, uploadId, failure.getMessage());
                });
    }

    private void answer(RoutingContext ctx, int status, String uploadId, String error) {
        if (ctx.response().ended() || ctx.response().closed()) {
            return;
        }
        if (!ctx.request().isEnded()) {
            // Answered before the body ended (a malformed one): the rest of it cannot be trusted to frame a next request.
            ctx.response().putHeader("Connection", "close");
        }
        var body = context.json().createObjectNode().put("uploadId", uploadId);
        if (error != null) {
            body.put("error", error);
        }
        ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json").end(body.toString());
    }

    private void progress(RoutingContext ctx) {
        String uploadId = ctx.pathParam("uploadId");
        if (uploadId == null || !uploadId.matches(ID_PATTERN)) {
            throw HttpError.badRequest("uploadId must be the id POST /api/upload answered (u and 32 hex digits), got " + uploadId);
        }
        String lastEventId = EventStreams.lastEventId(ctx);
        if (UploadProgress.endId(uploadId).equals(lastEventId)) {
            // The client saw the last stage: 204 tells an EventSource to stop reconnecting.
            ctx.response().setStatusCode(204).end();
            return;
        }
        String topic = UploadProgress.topic(uploadId);
        MercureClaims claims = new MercureClaims(List.of(), List.of(TopicSelector.parse(topic)));
        context.streams().open(ctx, List.of(TopicSelector.parse(topic)), claims, List.of(),
                lastEventId == null ? SubscribeRequest.EARLIEST : lastEventId);
    }

    private static byte[] randomBytes() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    @Override
    public void close() {
        worker.shutdownNow();
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException | UncheckedIOException ignored) {
            // A leftover temporary directory is not worth failing a shutdown for.
        }
    }
}
