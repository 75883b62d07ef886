package dev.herald.file;

import dev.herald.hub.Update;
import dev.herald.log.EventLog;
import dev.herald.log.ReadResult;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Append and replay throughput of the two embedded stores considered for the file log, with the same
 * durability per append (each append committed to the file before it returns) and the same work (the
 * {@code EventLog} implementations: an entry, its id index and the idempotency check; replay in pages of 256). Run: {@code java -cp <test classpath> dev.herald.file.FileLogBenchmark [count]}.
 */
public final class FileLogBenchmark {

    private static final int PAGE = 256;

    private FileLogBenchmark() {
    }

    /** Prints appends/s and replayed entries/s for MVStore and SQLite. */
    public static void main(String[] args) throws Exception {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        String data = "{\"price\":123.45,\"symbol\":\"HRLD\",\"note\":\"" + "x".repeat(120) + "\"}";
        for (int round = 1; round <= 2; round++) {
            System.out.printf("round %d (%d appends of ~%d-byte updates; round 1 warms the JIT)%n", round, count, data.length());
            mvStore(count, data);
            sqlite(count, data);
        }
    }

    private static Update update(int i, String data) {
        return Update.of("https://example.com/prices/HRLD", data).withId("id-" + i);
    }

    private static void mvStore(int count, String data) throws Exception {
        Path dir = Files.createTempDirectory("bench-mvstore-");
        try (EventLog log = MvStoreEventLog.open(dir, count, Long.MAX_VALUE)) {
            bench("MVStore", log, count, data, dir);
        }
    }

    private static void sqlite(int count, String data) throws Exception {
        Path dir = Files.createTempDirectory("bench-sqlite-");
        try (EventLog log = SqliteEventLog.open(dir, count, Long.MAX_VALUE)) {
            bench("SQLite", log, count, data, dir);
        }
    }

    private static void bench(String name, EventLog log, int count, String data, Path dir) throws java.io.IOException {
        long start = System.nanoTime();
        for (int i = 0; i < count; i++) {
            log.append(update(i, data));
        }
        double appendSeconds = seconds(start);
        start = System.nanoTime();
        long read = 0;
        long after = 0;
        for (ReadResult page = log.readAfter(after, PAGE); !page.entries().isEmpty(); page = log.readAfter(after, PAGE)) {
            read += page.entries().size();
            after = page.entries().get(page.entries().size() - 1).position();
        }
        double replaySeconds = seconds(start);
        long fileBytes = 0;
        try (var files = Files.list(dir)) {
            for (Path file : files.toList()) {
                fileBytes += Files.size(file);
            }
        }
        report(name, count, appendSeconds, read, replaySeconds, fileBytes);
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    private static void report(String store, int count, double appendSeconds, long read, double replaySeconds, long fileBytes) {
        System.out.printf("  %-8s append %,9.0f/s   replay %,10.0f entries/s   file %,d KiB%n",
                store, count / appendSeconds, read / replaySeconds, fileBytes / 1024);
        if (read != count) {
            throw new IllegalStateException(store + " replayed " + read + " of " + count);
        }
    }
}
