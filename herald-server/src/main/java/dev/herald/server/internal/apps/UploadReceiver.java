package dev.herald.server.internal.apps;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerFileUpload;
import io.vertx.core.http.HttpServerRequest;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Receives one {@code multipart/form-data} upload straight to a file: the request's bytes go to disk as they
 * arrive (Vert.x's multipart decoder hands the file part over in chunks), so no upload is ever held in memory.
 * Refusals that can still be answered (not multipart, too large by its {@code Content-Length}, a type outside
 * {@link #ALLOWED_EXTENSIONS}, no file) let the body drain into nothing and answer once it ends; an upload that
 * turns out too large midway (no {@code Content-Length}) or that the client abandons ends its connection.
 * Every refusal is also the upload's {@code error} stage. Runs on the request's event loop.
 */
final class UploadReceiver {

    /** The file types accepted, by extension: images, documents and archives, nothing a browser would run. */
    static final Set<String> ALLOWED_EXTENSIONS = Set.of("png", "jpg", "jpeg", "gif", "webp", "pdf", "txt", "csv", "zip");

    /** The multipart field carrying the file. */
    static final String FIELD = "file";

    /** A file received whole: where it is, what the client called it, how large it is. */
    record Stored(Path file, String filename, long size) {
    }

    /** An upload refused with {@code status} and a message saying what to do. */
    static final class Refused extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final int status;

        Refused(int status, String message) {
            super(message, null, false, false);
            this.status = status;
        }
    }

    private final HttpServerRequest request;
    private final Path target;
    private final long maxBytes;
    private final UploadProgress progress;
    private final Consumer<HttpServerRequest> bodyProgress;
    private final Promise<Stored> result = Promise.promise();
    private HttpServerFileUpload upload;
    private Future<Void> writing;
    private String filename;
    private long received;
    private Refused refusal;

    UploadReceiver(HttpServerRequest request, Path target, long maxBytes, UploadProgress progress,
                   Consumer<HttpServerRequest> bodyProgress) {
        this.request = request;
        this.bodyProgress = bodyProgress;
        this.target = target;
        this.maxBytes = maxBytes;
        this.progress = progress;
    }

    /** Starts reading the request; the future completes with the stored file or fails with a {@link Refused}. */
    Future<Stored> receive() {
        String type = request.getHeader("Content-Type");
        long declared = declaredLength();
        if (type == null || !type.toLowerCase(Locale.ROOT).startsWith("multipart/form-data")) {
            refuse(415, "send the file as multipart/form-data in the field '" + FIELD + "' (a form with"
                    + " <input type=file name=file>), not " + type);
        } else if (declared > maxBytes) {
            refuse(413, tooLarge(declared));
        } else {
            request.setExpectMultipart(true);
            request.uploadHandler(this::onFile);
        }
        request.handler(this::onBytes);
        request.exceptionHandler(this::failed);
        request.response().closeHandler(closed -> abandoned());
        request.endHandler(end -> onEnd());
        return result.future();
    }

    private void onFile(HttpServerFileUpload upload) {
        if (refusal != null || filename != null) {
            upload.handler(ignored -> { });
            if (refusal == null) {
                refuse(400, "send one file per upload");
            }
            return;
        }
        filename = upload.filename();
        String extension = extensionOf(filename);
        if (!FIELD.equals(upload.name()) || !ALLOWED_EXTENSIONS.contains(extension)) {
            upload.handler(ignored -> { });
            refuse(FIELD.equals(upload.name()) ? 415 : 400, FIELD.equals(upload.name())
                    ? "files of type '" + extension + "' are not accepted; send one of " + new java.util.TreeSet<>(ALLOWED_EXTENSIONS)
                    : "send the file in the multipart field '" + FIELD + "', not '" + upload.name() + "'");
            return;
        }
        this.upload = upload;
        writing = upload.streamToFileSystem(target.toString());
    }

    private void onBytes(Buffer bytes) {
        received += bytes.length();
        if (refusal == null) {
            // Only a body being stored keeps its connection clear of --request-timeout; a refused one drains under it.
            bodyProgress.accept(request);
        }
        if (received > maxBytes && refusal == null) {
            // Only a body without Content-Length gets here: its size could not be checked before it came.
            refuse(413, tooLarge(received));
            request.connection().close();
        }
    }

    private void onEnd() {
        if (refusal != null) {
            result.tryFail(refusal);
        } else if (writing == null) {
            refuse(400, "the form has no file; send it in the multipart field '" + FIELD + "'");
            result.tryFail(refusal);
        } else {
            writing.onComplete(written -> {
                if (written.failed()) {
                    refuse(500, "the upload could not be stored: " + written.cause().getMessage());
                    result.tryFail(refusal);
                } else if (received == 0 || target.toFile().length() == 0) {
                    refuse(400, "the file '" + filename + "' is empty");
                    result.tryFail(refusal);
                } else {
                    result.tryComplete(new Stored(target, filename, target.toFile().length()));
                }
            });
        }
    }

    /** The connection closed, or the multipart decoder gave up on the body (which can still be answered). */
    private void failed(Throwable failure) {
        if (failure instanceof io.vertx.core.http.HttpClosedException || request.response().closed()) {
            abandoned();
        } else if (!result.future().isComplete()) {
            refuse(400, "the multipart body is malformed (" + failure.getMessage() + "); send a form with"
                    + " <input type=file name=" + FIELD + ">");
            result.tryFail(refusal);
        }
    }

    /** The client went away before the request ended: nothing will read an answer. */
    private void abandoned() {
        if (result.future().isComplete() || request.isEnded()) {
            return;
        }
        progress.error("the upload was interrupted after " + received + " bytes; nothing was kept, send the file again");
        discardFile();
        result.tryFail(new Refused(400, "interrupted"));
    }

    private void refuse(int status, String message) {
        refusal = new Refused(status, message);
        progress.error(message);
        discardFile();
    }

    private void discardFile() {
        if (upload != null) {
            try {
                upload.cancelStreamToFileSystem();
            } catch (IllegalStateException alreadyWritten) {
                // The file is complete; deleting it below is all there is to do.
            }
        }
        target.toFile().delete();
    }

    private String tooLarge(long bytes) {
        return "the file is too large: " + bytes + " bytes, the limit is " + maxBytes + " bytes (--max-upload)";
    }

    private long declaredLength() {
        try {
            String length = request.getHeader("Content-Length");
            return length == null ? -1 : Long.parseLong(length.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static String extensionOf(String filename) {
        int dot = filename == null ? -1 : filename.lastIndexOf('.');
        return dot < 0 ? "" : filename.substring(dot + 1).toLowerCase(Locale.ROOT);
    }
}
