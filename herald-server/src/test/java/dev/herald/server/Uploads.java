package dev.herald.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

/** Test helpers for the upload application: multipart bodies, generated files, the server's upload directories. */
final class Uploads {

    static final String BOUNDARY = "----herald-test-boundary-7MA4YWxkTrZu0gW";

    private Uploads() {
    }

    /** The multipart lines before the file's bytes. */
    static byte[] head(String field, String filename) {
        return ("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"" + field + "\"; filename=\"" + filename
                + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8);
    }

    /** The multipart lines after the file's bytes. */
    static byte[] tail() {
        return ("\r\n--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.UTF_8);
    }

    /** A POST of {@code file} as the multipart field {@code file}, named {@code filename}, with its Content-Length. */
    static HttpRequest post(HeraldFixture hub, Path file, String filename) {
        try {
            return HttpRequest.newBuilder(hub.uri("/api/upload"))
                    .header("Content-Type", "multipart/form-data; boundary=" + BOUNDARY)
                    .POST(HttpRequest.BodyPublishers.concat(
                            HttpRequest.BodyPublishers.ofByteArray(head("file", filename)),
                            HttpRequest.BodyPublishers.ofFile(file),
                            HttpRequest.BodyPublishers.ofByteArray(tail())))
                    .build();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A file of {@code bytes} pseudo-random bytes in {@code directory}. */
    static Path generate(Path directory, String name, long bytes) {
        Path file = directory.resolve(name);
        byte[] chunk = new byte[1024 * 1024];
        new Random(42).nextBytes(chunk);
        try (var out = Files.newOutputStream(file)) {
            for (long left = bytes; left > 0; left -= chunk.length) {
                out.write(chunk, 0, (int) Math.min(chunk.length, left));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    /** The files being received or processed now, in every Herald upload directory of this machine's temp dir. */
    static List<Path> inProgress() {
        Path temp = Path.of(System.getProperty("java.io.tmpdir"));
        try (Stream<Path> dirs = Files.list(temp)) {
            return dirs.filter(dir -> dir.getFileName().toString().startsWith("herald-uploads-"))
                    .flatMap(dir -> {
                        try (Stream<Path> files = Files.list(dir)) {
                            return files.filter(file -> file.toString().endsWith(".upload")).toList().stream();
                        } catch (IOException e) {
                            return Stream.empty();
                        }
                    })
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return -1;
        }
    }
}
