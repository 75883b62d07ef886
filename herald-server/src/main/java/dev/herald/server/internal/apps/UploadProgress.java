package dev.herald.server.internal.apps;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.herald.hub.Hub;
import dev.herald.hub.Update;
import java.util.List;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The progress of one upload as the seed's client reads it: default-type events {@code {stage, percent, message}}
 * on the upload's own private topic, with ids {@code <uploadId>-<n>}; the last one ({@code done} at 100, or
 * {@code error}) has the id {@code <uploadId>-end}. Being in the hub's log, the whole sequence replays to a
 * progress page that opens late or reconnects.
 */
final class UploadProgress {

    private static final Logger LOG = LoggerFactory.getLogger(UploadProgress.class);

    private final Hub hub;
    private final ObjectMapper json;
    private final Executor publisher;
    private final String uploadId;
    private int sequence;
    private int percent;
    private boolean ended;

    /** Progress of {@code uploadId}, published in order on {@code publisher} (never an event loop: the log may do I/O). */
    UploadProgress(Hub hub, ObjectMapper json, Executor publisher, String uploadId) {
        this.hub = hub;
        this.json = json;
        this.publisher = publisher;
        this.uploadId = uploadId;
    }

    /** The private topic carrying {@code uploadId}'s progress. */
    static String topic(String uploadId) {
        return "/uploads/" + uploadId + "/progress";
    }

    /** The id of the last event of {@code uploadId}'s progress. */
    static String endId(String uploadId) {
        return uploadId + "-end";
    }

    String uploadId() {
        return uploadId;
    }

    /** Publishes that the upload reached {@code stage} at {@code percent} (below 100). */
    synchronized void stage(String stage, int percent, String message) {
        if (!ended) {
            this.percent = percent;
            publish(stage, percent, message, uploadId + "-" + ++sequence);
        }
    }

    /** Publishes the final {@code done} stage at 100 %. */
    synchronized void done(String message) {
        end("done", 100, message);
    }

    /** Publishes the final {@code error} stage, at the percentage reached so far; later calls do nothing. */
    synchronized void error(String message) {
        end("error", percent, message);
    }

    synchronized boolean ended() {
        return ended;
    }

    private void end(String stage, int at, String message) {
        if (!ended) {
            ended = true;
            publish(stage, at, message, endId(uploadId));
        }
    }

    private void publish(String stage, int at, String message, String id) {
        String data = json.createObjectNode().put("stage", stage).put("percent", at).put("message", message).toString();
        Update update = new Update(List.of(topic(uploadId)), data, id, null, null, true);
        try {
            publisher.execute(() -> {
                try {
                    hub.publish(update);
                } catch (RuntimeException e) {
                    // A hub that is closing or a log that is away: the page shows the last stage it got.
                    LOG.debug("upload {} progress '{}' not published: {}", uploadId, stage, e.toString());
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException stopping) {
            LOG.debug("upload {} progress '{}' not published: the server is stopping", uploadId, stage);
        }
    }
}
