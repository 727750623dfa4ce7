package io.graft.api.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OptionsTest {
    private final Options fromFile = new Options(Map.of("flag", List.of("maybe"), "n", List.of("x"),
            "list", List.of("a", "b")), "codecOptions", Map.of("flag", 3, "n", 4, "list", 5));

    @Test
    void typeErrorsNameTheDottedKeyAndTheLine() {
        assertRefused(() -> fromFile.flag("flag", false), "codecOptions.flag", 3, "expected true or false");
        assertRefused(() -> fromFile.integer("n"), "codecOptions.n", 4, "expected an integer");
        assertRefused(() -> fromFile.longValue("n"), "codecOptions.n", 4, "expected an integer");
        assertRefused(() -> fromFile.string("list"), "codecOptions.list", 5, "expected a single value");
        assertThat(fromFile.error("n", "too big").getMessage()).contains("'codecOptions.n'", "(line 4)", "too big");
    }

    @Test
    void optionsWrittenInCodeNameNoLine() {
        Options inCode = new Options(Map.of("flag", List.of("maybe")), "codecOptions");

        assertThat(inCode.line("flag")).isZero();
        assertRefused(() -> inCode.flag("flag", false), "codecOptions.flag", 0, "expected true or false");
    }

    @Test
    void whereTheyWereWrittenDoesNotMakeOptionsDifferent() {
        Options inCode = new Options(fromFile.values(), "codecOptions");

        assertThat(inCode).isEqualTo(fromFile).hasSameHashCodeAs(fromFile);
        assertThat(inCode).isNotEqualTo(new Options(fromFile.values(), "transportOptions"));
    }

    private static void assertRefused(Runnable read, String key, int line, String problem) {
        assertThatThrownBy(read::run).isInstanceOfSatisfying(ConfigurationException.class, e -> {
            assertThat(e.key()).isEqualTo(key);
            assertThat(e.line()).isEqualTo(line);
            assertThat(e.problem()).contains(problem);
        });
    }
}
