package dev.herald.server.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.TypeConversionException;

class DurationConverterTest {

    private final DurationConverter converter = new DurationConverter();

    @Test
    void durationsAreReadAsPeopleWriteThem() {
        assertThat(converter.convert("90s")).isEqualTo(Duration.ofSeconds(90));
        assertThat(converter.convert("15m")).isEqualTo(Duration.ofMinutes(15));
        assertThat(converter.convert("24H")).isEqualTo(Duration.ofHours(24));
        assertThat(converter.convert("7d")).isEqualTo(Duration.ofDays(7));
        assertThat(converter.convert("PT1H30M")).isEqualTo(Duration.ofMinutes(90));
        assertThat(converter.convert("0")).isEqualTo(Duration.ZERO);
    }

    @Test
    void anythingElseIsRefused() {
        for (String bad : new String[] {"", "s", "15", "15w", "-5m", "PT-1H", "1.5h", "soon"}) {
            assertThatThrownBy(() -> converter.convert(bad)).as(bad).isInstanceOf(TypeConversionException.class)
                    .hasMessageContaining("is not a duration");
        }
    }
}
