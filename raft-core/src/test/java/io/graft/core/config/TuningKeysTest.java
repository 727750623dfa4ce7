package io.graft.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.graft.api.config.ClusterConfig;
import io.graft.api.config.ConfigurationException;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The tuning keys: every setting the node builder takes is settable in the YAML, checked in one place. */
class TuningKeysTest {
    private static final String MEMBERS = "configuration:\n  1: a\n";

    private static ClusterConfig parse(String yaml) {
        return ClusterConfigLoader.parse(yaml, "tuning.yaml");
    }

    @Test
    void defaults() {
        ClusterConfig c = parse("electionTimeout: 200\n" + MEMBERS);
        assertThat(c.preVote()).isTrue();
        assertThat(c.checkQuorum()).isTrue();
        assertThat(c.maxInflightAppends()).isEqualTo(64);
        assertThat(c.maxAppendEntries()).isEqualTo(4096);
        assertThat(c.maxAppendBytes()).isEqualTo(1 << 20);
        assertThat(c.snapshotChunkBytes()).isEqualTo(1 << 20);
        assertThat(c.handOffLeadershipOnClose()).isEqualTo(Duration.ofMillis(400));
    }

    @Test
    void everyKeyIsRead() {
        ClusterConfig c = parse(MEMBERS + """
                preVote: false
                checkQuorum: off
                maxInflightAppends: 8
                maxAppendEntries: 100
                maxAppendBytes: 65536
                snapshotChunkBytes: 8192
                handOffLeadershipOnClose: 0
                """);
        assertThat(c.preVote()).isFalse();
        assertThat(c.checkQuorum()).isFalse();
        assertThat(c.maxInflightAppends()).isEqualTo(8);
        assertThat(c.maxAppendEntries()).isEqualTo(100);
        assertThat(c.maxAppendBytes()).isEqualTo(65536);
        assertThat(c.snapshotChunkBytes()).isEqualTo(8192);
        assertThat(c.handOffLeadershipOnClose()).isZero();
        assertThat(c.toBuilder().build()).isEqualTo(c);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "maxInflightAppends: 5000 | maxInflightAppends | between 1 and 4096",
            "maxInflightAppends: 0    | maxInflightAppends | ",
            "snapshotChunkBytes: 100  | snapshotChunkBytes | between 4096 and 16777216",
            "maxAppendBytes: -3       | maxAppendBytes     | ",
            "preVote: maybe           | preVote            | expected true or false",
            "handOffLeadershipOnClose: -1 | handOffLeadershipOnClose | 0 or more",
    })
    void refusalsNameTheKeyAndTheLine(String line, String key, String says) {
        ConfigurationException e = catchThrowableOfType(ConfigurationException.class, () -> parse(MEMBERS + line));
        assertThat(e).as(line).isNotNull();
        assertThat(e.key()).isEqualTo(key);
        assertThat(e.line()).isEqualTo(3);
        assertThat(e.getMessage()).contains("tuning.yaml", key);
        if (says != null) {
            assertThat(e.getMessage()).contains(says);
        }
    }
}
