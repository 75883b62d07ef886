package dev.herald.server.cli;

import java.io.BufferedWriter;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.Charset;

/**
 * The process's standard output as the command line's writer. {@code System.out} is a {@code PrintStream},
 * which swallows write errors, so a writer over it never learns that the reader of a pipe went away; this
 * one writes to the file descriptor itself, and its {@link PrintWriter#checkError()} turns true on a closed
 * pipe, which is how {@code listen} knows to stop.
 */
public final class StandardOutput {

    private StandardOutput() {
    }

    /** A writer on file descriptor 1 in the console's encoding, flushing on every {@code println}. */
    public static PrintWriter writer() {
        return new PrintWriter(new BufferedWriter(new OutputStreamWriter(new FileOutputStream(FileDescriptor.out),
                encoding())), true);
    }

    /** What the JVM says stdout uses ({@code stdout.encoding} from Java 19), else the default charset. */
    private static Charset encoding() {
        String name = System.getProperty("stdout.encoding", System.getProperty("sun.stdout.encoding"));
        try {
            return name == null ? Charset.defaultCharset() : Charset.forName(name);
        } catch (IllegalArgumentException unknown) {
            return Charset.defaultCharset();
        }
    }
}
