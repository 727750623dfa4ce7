package io.graft.examples.readme;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class EmbeddingExampleTest {

    @Test
    void readmeExampleRunsAndReadsItsWrite() {
        assertThat(EmbeddingExample.run()).isEqualTo("world");
    }

    @Test
    void readmeShowsExactlyTheCompiledExample() throws Exception {
        String source = Files.readString(Path.of("src/main/java/io/graft/examples/readme/EmbeddingExample.java"));
        String body = source.substring(source.indexOf("// README-BEGIN") + "// README-BEGIN".length(),
                source.indexOf("// README-END"));
        String readme = Files.readString(Path.of("../README.md"));
        for (String line : body.strip().split("\n")) {
            assertThat(readme).as("README.md must contain the example line: %s", line.strip()).contains(line.strip());
        }
    }
}
