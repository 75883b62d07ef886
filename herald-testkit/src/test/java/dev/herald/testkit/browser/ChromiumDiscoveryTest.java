package dev.herald.testkit.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.opentest4j.TestAbortedException;

class ChromiumDiscoveryTest {

    private static final Map<String, String> NO_BROWSER = Map.of("PATH", "/nonexistent-bin");

    @Test
    void withoutABrowserOnCiTheTestFailsSayingHowToInstallIt() {
        Map<String, String> ci = Map.of("PATH", "/nonexistent-bin", "CI", "true");
        assertThatThrownBy(() -> Chromium.binary(ci)).isInstanceOf(AssertionError.class)
                .hasMessageContaining("CI is set").hasMessageContaining("apt-get install -y chromium");
    }

    @Test
    void withoutABrowserElsewhereTheTestIsSkippedLoudly() {
        assertThatThrownBy(() -> Chromium.binary(NO_BROWSER)).isInstanceOf(TestAbortedException.class)
                .hasMessageContaining("SKIPPED");
    }

    @Test
    void theChromiumVariableNamesTheBinary() {
        assertThat(Chromium.binary(Map.of("CHROMIUM", "/bin/sh", "PATH", "/nonexistent-bin"))).isEqualTo(Path.of("/bin/sh"));
    }
}
