package dev.herald.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.StringJoiner;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/herald} runs the jar beside it from any working directory, also through a symlink. The installed
 * layout is made here ({@code bin/herald}, {@code lib/herald.jar}) with a jar whose manifest names this build's
 * classes: the shaded jar only exists after the tests, at {@code package}.
 */
class LauncherTest {

    @TempDir
    Path dir;

    @Test
    void theLauncherRunsTheJarBesideItFromAnotherDirectoryAndThroughASymlink() throws Exception {
        Path install = Files.createDirectories(dir.resolve("opt/herald"));
        Path launcher = Files.createDirectories(install.resolve("bin")).resolve("herald");
        Files.copy(Path.of("..", "bin", "herald").toAbsolutePath().normalize(), launcher);
        writeLauncherJar(Files.createDirectories(install.resolve("lib")).resolve("herald.jar"));
        Path elsewhere = Files.createDirectories(dir.resolve("elsewhere"));
        Path link = Files.createSymbolicLink(Files.createDirectories(dir.resolve("usr/bin")).resolve("herald"), launcher);

        Result version = run(elsewhere, launcher.toString(), "--version");
        assertThat(version.status()).as(version.output()).isZero();
        assertThat(version.output()).contains("herald 0.1.0");

        Result help = run(Path.of("/"), link.toString(), "--help");
        assertThat(help.status()).as(help.output()).isZero();
        assertThat(help.output()).contains("--config").contains("--metrics").contains("--log-format");
    }

    @Test
    void withoutAJarTheLauncherSaysHowToBuildOne() throws Exception {
        Path launcher = Files.createDirectories(dir.resolve("bin")).resolve("herald");
        Files.copy(Path.of("..", "bin", "herald").toAbsolutePath().normalize(), launcher);
        Result missing = run(dir, launcher.toString(), "--version");
        assertThat(missing.status()).isEqualTo(2);
        assertThat(missing.output()).contains("cannot find herald.jar").contains("mvn -q -B package");
    }

    private record Result(int status, String output) {
    }

    private static Result run(Path cwd, String... command) throws IOException, InterruptedException {
        String[] full = new String[command.length + 1];
        full[0] = "bash";
        System.arraycopy(command, 0, full, 1, command.length);
        ProcessBuilder builder = new ProcessBuilder(full).directory(cwd.toFile()).redirectErrorStream(true);
        builder.environment().remove("HERALD_JAR");
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("the launcher did not exit; output:\n" + output);
        }
        return new Result(process.exitValue(), output);
    }

    /** A jar with only a manifest: Main-Class, and a Class-Path of this test's class path (absolute file URLs). */
    private static void writeLauncherJar(Path jar) throws IOException {
        StringJoiner classPath = new StringJoiner(" ");
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            classPath.add(Path.of(entry).toUri().toString());
        }
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, Main.class.getName());
        manifest.getMainAttributes().put(Attributes.Name.CLASS_PATH, classPath.toString());
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream ignored = new JarOutputStream(out, manifest)) {
            // The manifest is the whole jar.
        }
    }
}
