package io.graft.core.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.graft.api.config.ClusterConfig;
import io.graft.api.config.ConfigurationException;
import java.nio.charset.StandardCharsets;

/**
 * Fuzzes {@link ClusterConfigLoader#parse} with arbitrary text (the corpus holds real cluster files): it
 * either gives a configuration with members, or refuses with a {@link ConfigurationException}; no parser
 * exception, overflow or stack overflow may escape.
 *
 * <p>A normal test run replays the corpus in {@code ClusterConfigFuzzTestInputs}; to fuzz for real:
 * {@code JAZZER_FUZZ=1 ./mvnw -pl raft-core -am test -Dtest=ClusterConfigFuzzTest -Dsurefire.failIfNoSpecifiedTests=false}.
 */
class ClusterConfigFuzzTest {

    @FuzzTest(maxDuration = "5m")
    void parse(byte[] input) {
        String yaml = new String(input, StandardCharsets.UTF_8);
        ClusterConfig config;
        try {
            config = ClusterConfigLoader.parse(yaml, "fuzzed.yaml");
        } catch (ConfigurationException refused) {
            assertThat(refused.getMessage()).isNotBlank();
            return;
        }
        assertThat(config.memberIds()).isNotEmpty();
    }
}
