package dev.herald.server.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.herald.server.LimitsConfig;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code --max-upload} bounds the upload application's files, apart from {@code --max-body}. */
class MaxUploadFlagTest {

    private static HeraldCommand parsed(String... args) {
        HeraldCommand command = new HeraldCommand();
        new CommandLine(command).parseArgs(args);
        return command;
    }

    @Test
    void uploadsAreBoundedAt100MebibytesByDefaultAndByTheFlagOtherwise() {
        assertThat(parsed().config().limits().maxUploadBytes()).isEqualTo(LimitsConfig.DEFAULT_MAX_UPLOAD_BYTES)
                .isEqualTo(100L * 1024 * 1024);
        assertThat(parsed("--max-upload", "5000000000", "--max-body", "1024").config().limits())
                .extracting(LimitsConfig::maxUploadBytes, LimitsConfig::maxBodyBytes).containsExactly(5_000_000_000L, 1024L);
    }

    @Test
    void aBoundBelowOneByteStopsStartupNamingTheFlag() {
        assertThatThrownBy(() -> parsed("--max-upload", "0").config()).hasMessageContaining("--max-upload must be >= 1 byte");
    }

    @Test
    void helpDocumentsTheFlagAndItsEnvironmentVariable() {
        String help = new CommandLine(new HeraldCommand()).getUsageMessage();
        assertThat(help).contains("--max-upload").contains("HERALD_MAX_UPLOAD");
    }
}
