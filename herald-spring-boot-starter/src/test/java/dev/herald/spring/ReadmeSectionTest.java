package dev.herald.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.client.HeraldPublisher;
import dev.herald.server.HeraldServer;
import dev.herald.server.ServerConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** The root README's "Publishing from Spring Boot" section: its properties configure a publisher that works. */
class ReadmeSectionTest {

    static final String KEY = "readme-section-key-that-is-at-least-32-bytes";

    private static String section() throws Exception {
        String readme = Files.readString(Path.of("../README.md"));
        int start = readme.indexOf("## Publishing from Spring Boot");
        assertThat(start).as("the README has the section").isNotNegative();
        int end = readme.indexOf("\n## ", start + 1);
        return readme.substring(start, end < 0 ? readme.length() : end);
    }

    private static String block(String section, String language) {
        Matcher block = Pattern.compile("```" + language + "\\n(.*?)```", Pattern.DOTALL).matcher(section);
        assertThat(block.find()).as("the section has a " + language + " block").isTrue();
        return block.group(1);
    }

    @Test
    void theDependencyIsThisModule() throws Exception {
        assertThat(block(section(), "xml")).contains("<artifactId>herald-spring-boot-starter</artifactId>");
    }

    @Test
    void theSectionsPropertiesAndCallPublish() throws Exception {
        String section = section();
        assertThat(block(section, "java")).contains("publisher.publish(\"/orders/42\", json);");
        HeraldServer herald = HeraldServer.start(ServerConfig.defaults("127.0.0.1", 0).withPublisherKey(KEY)
                .withHeartbeatSeconds(0));
        try {
            String[] properties = Arrays.stream(block(section, "properties").split("\n"))
                    .map(line -> line.replace("http://localhost:8080", "http://127.0.0.1:" + herald.port())
                            .replace("${HERALD_PUBLISHER_JWT_KEY}", KEY))
                    .toArray(String[]::new);
            new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(HeraldAutoConfiguration.class))
                    .withPropertyValues(properties)
                    .run(context -> {
                        HeraldPublisher publisher = context.getBean(HeraldPublisher.class);
                        String json = "{\"id\":42}";
                        assertThat(publisher.publish("/orders/42", json)).startsWith("urn:uuid:");
                    });
        } finally {
            herald.stop();
        }
    }
}
