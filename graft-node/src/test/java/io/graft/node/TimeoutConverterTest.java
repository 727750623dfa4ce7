package io.graft.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class TimeoutConverterTest {
    private final TimeoutConverter converter = new TimeoutConverter();

    @Test
    void readsTheUsualUnits() {
        assertThat(converter.convert("250ms")).isEqualTo(Duration.ofMillis(250));
        assertThat(converter.convert("5s")).isEqualTo(Duration.ofSeconds(5));
        assertThat(converter.convert("2m")).isEqualTo(Duration.ofMinutes(2));
        assertThat(converter.convert("7")).isEqualTo(Duration.ofSeconds(7));
        assertThat(converter.convert("PT1.5S")).isEqualTo(Duration.ofMillis(1500));
    }

    @Test
    void refusesNonsenseAndNonPositiveValues() {
        assertThatThrownBy(() -> converter.convert("fast")).isInstanceOf(CommandLine.TypeConversionException.class)
                .hasMessageContaining("not a duration");
        assertThatThrownBy(() -> converter.convert("0s")).hasMessageContaining("must be a positive duration");
        assertThatThrownBy(() -> converter.convert("-5")).hasMessageContaining("must be a positive duration");
    }
}
