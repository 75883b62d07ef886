package dev.herald.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.herald.testkit.Await;
import dev.herald.testkit.SseRecorder;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --config herald.yaml}: flags win over {@code HERALD_*} variables, which win over the file, which wins over defaults. */
class ConfigFileTest {

    private static final String SECRET = "file-secret-that-is-at-least-32-bytes-long";
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    @TempDir
    Path dir;

    @Test
    void flagsWinOverEnvironmentWhichWinsOverTheFileWhichWinsOverDefaults() throws Exception {
        Path file = write("""
                port: 1111
                heartbeat: 7
                retry-ms: 1111
                max-topics: 3
                cors-origin: [https://a.example, https://b.example]
                publisher-jwt-key: %s
                log-format: json
                """.formatted(SECRET));
        CliRunner.Result result = CliRunner.run(Map.of("HERALD_PORT", "2222", "HERALD_RETRY_MS", "2222", "HERALD_MAX_TOPICS", "4"),
                "--config", file.toString(), "--port", "3333", "config", "--print");

        assertThat(result.status()).as(result.err()).isZero();
        JsonNode printed = YAML.readTree(result.out());
        assertThat(printed.get("port").asInt()).as("flag over env over file").isEqualTo(3333);
        assertThat(printed.get("retry-ms").asLong()).as("env over file").isEqualTo(2222);
        assertThat(printed.get("max-topics").asInt()).as("env over file").isEqualTo(4);
        assertThat(printed.get("heartbeat").asInt()).as("file over default").isEqualTo(7);
        assertThat(printed.get("log-format").asText()).as("file over default").isEqualTo("json");
        assertThat(printed.get("history-size").asInt()).as("default").isEqualTo(10_000);
        assertThat(printed.get("cors-origin")).extracting(JsonNode::asText).containsExactly("https://a.example", "https://b.example");
        assertThat(printed.get("publisher-jwt-key").asText()).isEqualTo("[hidden]");
        assertThat(result.out()).doesNotContain(SECRET);
    }

    @Test
    void thePrintedConfigurationIsAValidConfigFileThatPrintsTheSame() throws Exception {
        CliRunner.Result defaults = CliRunner.run(Map.of(), "--max-connections", "77", "config", "--print");
        assertThat(defaults.status()).as(defaults.err()).isZero();
        assertThat(defaults.out()).contains("max-connections: 77").contains("metrics: true").contains("log-level: info");
        Path file = write(defaults.out());
        CliRunner.Result again = CliRunner.run(Map.of(), "--config", file.toString(), "config", "--print");
        assertThat(again.status()).as(again.err()).isZero();
        assertThat(again.out()).isEqualTo(defaults.out());
    }

    @Test
    void anUnknownKeyStopsStartupNamingTheKey() throws Exception {
        Path file = write("max-conections: 5\n");
        CliRunner.Result result = CliRunner.run(Map.of(), "--config", file.toString(), "--port", "0");
        assertThat(result.status()).isEqualTo(2);
        assertThat(result.err()).contains("unknown key 'max-conections'").contains("max-connections").contains(file.toString());
    }

    @Test
    void aBadValueStopsStartupNamingTheKeyAndTheFile() throws Exception {
        Path notANumber = write("port: eighty\n");
        CliRunner.Result conversion = CliRunner.run(Map.of(), "--config", notANumber.toString());
        assertThat(conversion.status()).isEqualTo(2);
        assertThat(conversion.err()).contains("--port").contains("eighty").contains("key 'port' in " + notANumber);

        Path outOfRange = write("heartbeat: -5\n");
        CliRunner.Result validation = CliRunner.run(Map.of(), "--config", outOfRange.toString(), "--port", "0");
        assertThat(validation.status()).isEqualTo(2);
        assertThat(validation.err()).contains("--heartbeat must be >= 0 seconds, got -5");

        Path badFormat = write("log-format: xml\n");
        CliRunner.Result format = CliRunner.run(Map.of(), "--config", badFormat.toString(), "--port", "0");
        assertThat(format.status()).isEqualTo(2);
        assertThat(format.err()).contains("--log-format must be text or json, got xml");

        Path notYaml = write("port: [1\n");
        CliRunner.Result broken = CliRunner.run(Map.of(), "--config", notYaml.toString(), "--port", "0");
        assertThat(broken.status()).isEqualTo(2);
        assertThat(broken.err()).contains("is not valid YAML");
    }

    @Test
    void helpNeverShowsASecretFromTheEnvironmentOrTheFile() throws Exception {
        Path file = write("subscriber-jwt-key: " + SECRET.replace("file", "subs") + "\nmetrics-token: metrics-token-from-file\n");
        CliRunner.Result help = CliRunner.run(Map.of("HERALD_PUBLISHER_JWT_KEY", SECRET), "--config", file.toString(), "--help");
        assertThat(help.status()).isZero();
        assertThat(help.out()).contains("--publisher-jwt-key").contains("--metrics-token")
                .doesNotContain(SECRET).doesNotContain("subs-secret").doesNotContain("metrics-token-from-file");
    }

    @Test
    void aServerInItsOwnJvmTakesFlagsOverRealEnvironmentOverItsFile() throws Exception {
        Path file = write("""
                heartbeat: 7
                retry-ms: 1111
                max-topics: 3
                """);
        try (ChildJvm herald = ChildJvm.start(Map.of("HERALD_RETRY_MS", "2222", "HERALD_MAX_TOPICS", "4"), List.of(),
                "--config", file.toString(), "--host", "127.0.0.1", "--port", "0", "--retry-ms", "3333")) {
            Pattern listening = Pattern.compile("Herald listening on [^:]+:(\\d+)");
            Await.until(Duration.ofSeconds(30), () -> listening.matcher(herald.err()).find(),
                    () -> "the server to start; stderr:\n" + herald.err());
            Matcher matcher = listening.matcher(herald.err());
            assertThat(matcher.find()).isTrue();
            String base = "http://127.0.0.1:" + matcher.group(1);

            try (SseRecorder four = SseRecorder.open(URI.create(base + HeraldFixture.mercureQuery("/a", "/b", "/c", "/d")))) {
                assertThat(four.status()).as("HERALD_MAX_TOPICS=4 over the file's 3").isEqualTo(200);
                assertThat(four.headers().firstValue("Herald-Heartbeat-Ms")).as("the file's heartbeat").hasValue("7000");
                Await.until(() -> !four.retries().isEmpty(), "the retry field");
                assertThat(four.retries()).as("--retry-ms over HERALD_RETRY_MS over the file").containsExactly(3333L);
            }
            try (SseRecorder five = SseRecorder.open(URI.create(base + HeraldFixture.mercureQuery("/a", "/b", "/c", "/d", "/e")))) {
                assertThat(five.status()).isEqualTo(400);
            }
        }
    }

    @Test
    void everyKeyHasItsConventionalVariableAndARowInTheReadmeTable() throws Exception {
        CliRunner.Result printed = CliRunner.run(Map.of(), "config", "--print");
        assertThat(printed.status()).as(printed.err()).isZero();
        String readme = Files.readString(Path.of("..", "README.md"));
        Map<String, String> declared = declaredEnvironmentVariables();
        JsonNode keys = YAML.readTree(printed.out());
        assertThat(keys.size()).isGreaterThan(40);
        for (java.util.Iterator<String> it = keys.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            String env = key.equals("cors-origin") ? "HERALD_CORS_ORIGINS" : "HERALD_" + key.toUpperCase().replace('-', '_');
            assertThat(declared.get("--" + key)).as("the environment variable of --" + key).isEqualTo(env);
            assertThat(readme).as("the README's row for --" + key).containsPattern("(?m)^\\|[^\\n]*`--" + key + "`[^\\n]*`" + env + "`");
        }
    }

    /** Each option's variable as its annotation declares it ({@code ${env:HERALD_X...}}), by flag. */
    private static Map<String, String> declaredEnvironmentVariables() throws Exception {
        Map<String, String> declared = new java.util.HashMap<>();
        Pattern variable = Pattern.compile("\\$\\{env:([A-Z0-9_]+)");
        for (String type : List.of("HeraldCommand", "AuthOptions", "LimitOptions", "TlsOptions", "OperationsOptions")) {
            for (java.lang.reflect.Field field : Class.forName("dev.herald.server.cli." + type).getDeclaredFields()) {
                picocli.CommandLine.Option option = field.getAnnotation(picocli.CommandLine.Option.class);
                if (option != null) {
                    Matcher matcher = variable.matcher(option.defaultValue());
                    declared.put(option.names()[0], matcher.find() ? matcher.group(1) : null);
                }
            }
        }
        return declared;
    }

    private Path write(String yaml) throws Exception {
        Path file = Files.createTempFile(dir, "herald", ".yaml");
        Files.writeString(file, yaml);
        return file;
    }
}
