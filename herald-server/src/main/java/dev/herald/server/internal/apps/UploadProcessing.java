package dev.herald.server.internal.apps;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * What happens to a stored upload, stage by stage, each published as progress: {@code received} (10),
 * {@code scanning} (a SHA-256 of the whole file, 20 to 60 as it reads), {@code processing} (75),
 * {@code storing} (90), then {@code done} (100); the file is deleted at the end whatever happened. Runs on the
 * upload application's own thread, with a short pause between stages so a person can watch the bar move.
 */
final class UploadProcessing {

    /** The pause between stages: long enough to see each one on the page, short enough not to bore. */
    static final long STAGE_PAUSE_MILLIS = 150;

    private final ScheduledExecutorService worker;
    private final UploadReceiver.Stored stored;
    private final UploadProgress progress;
    private final Runnable finished;

    private UploadProcessing(ScheduledExecutorService worker, UploadReceiver.Stored stored, UploadProgress progress,
                             Runnable finished) {
        this.worker = worker;
        this.stored = stored;
        this.progress = progress;
        this.finished = finished;
    }

    /** Starts processing {@code stored} on {@code worker}; {@code finished} runs once the file is gone. */
    static void start(ScheduledExecutorService worker, UploadReceiver.Stored stored, UploadProgress progress,
                      Runnable finished) {
        UploadProcessing processing = new UploadProcessing(worker, stored, progress, finished);
        progress.stage("received", 10, stored.size() + " bytes received");
        processing.next(processing::scan);
    }

    private void scan() {
        progress.stage("scanning", 20, "computing the file's SHA-256");
        MessageDigest sha256;
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
        long read = 0;
        int reported = 20;
        byte[] chunk = new byte[64 * 1024];
        try (InputStream in = Files.newInputStream(stored.file())) {
            for (int n = in.read(chunk); n >= 0; n = in.read(chunk)) {
                sha256.update(chunk, 0, n);
                read += n;
                int percent = 20 + (int) (40 * read / Math.max(1, stored.size()));
                if (percent >= reported + 10 && percent < 60) {
                    reported = percent;
                    progress.stage("scanning", percent, read + " of " + stored.size() + " bytes checked");
                }
            }
        } catch (IOException e) {
            fail("the stored file could not be read: " + e.getMessage());
            return;
        }
        String digest = HexFormat.of().formatHex(sha256.digest());
        progress.stage("scanning", 60, "SHA-256 " + digest);
        next(() -> {
            progress.stage("processing", 75, "the file is a " + extension() + " file of " + stored.size() + " bytes");
            next(() -> {
                progress.stage("storing", 90, "storing " + stored.filename());
                next(() -> finish("'" + stored.filename() + "' (" + stored.size() + " bytes, SHA-256 "
                        + digest.substring(0, 12) + "…) is processed"));
            });
        });
    }

    private void next(Runnable stage) {
        worker.schedule(() -> {
            try {
                stage.run();
            } catch (RuntimeException e) {
                fail("processing failed: " + e.getMessage());
            }
        }, STAGE_PAUSE_MILLIS, TimeUnit.MILLISECONDS);
    }

    private void finish(String message) {
        cleanUp();
        progress.done(message);
    }

    private void fail(String message) {
        cleanUp();
        progress.error(message);
    }

    private void cleanUp() {
        stored.file().toFile().delete();
        finished.run();
    }

    private String extension() {
        String name = stored.filename();
        return name.substring(name.lastIndexOf('.') + 1).toUpperCase(java.util.Locale.ROOT);
    }
}
