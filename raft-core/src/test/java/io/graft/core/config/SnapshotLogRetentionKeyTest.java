package io.graft.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.graft.api.config.ClusterConfig;
import io.graft.api.config.ConfigurationException;
import org.junit.jupiter.api.Test;

/** The {@code snapshotLogRetention} key: entries kept below each snapshot, 0 or more, 1,024 by default. */
class SnapshotLogRetentionKeyTest {
    private static final String MEMBERS = "configuration:\n  1: a\n";

    private static ClusterConfig parse(String yaml) {
        return ClusterConfigLoader.parse(yaml, "retention.yaml");
    }

    private static ConfigurationException refused(String yaml) {
        ConfigurationException e = catchThrowableOfType(ConfigurationException.class, () -> parse(yaml));
        assertThat(e).as("expected %s to be refused", yaml).isNotNull();
        return e;
    }

    @Test
    void defaultsTo1024() {
        assertThat(parse(MEMBERS).snapshotLogRetention()).isEqualTo(1024)
                .isEqualTo(ClusterConfig.DEFAULT_SNAPSHOT_LOG_RETENTION);
    }

    @Test
    void takesZeroAndPositiveCounts() {
        assertThat(parse("snapshotLogRetention: 0\n" + MEMBERS).snapshotLogRetention()).isZero();
        assertThat(parse("snapshotLogRetention: 50000\n" + MEMBERS).snapshotLogRetention()).isEqualTo(50_000);
        assertThat(parse("snapshotLogRetention: 7\n" + MEMBERS).toBuilder().build().snapshotLogRetention())
                .isEqualTo(7);
    }

    @Test
    void refusesANegativeCountNamingTheKeyAndWhatToGive() {
        ConfigurationException e = refused(MEMBERS + "snapshotLogRetention: -1\n");
        assertThat(e.key()).isEqualTo("snapshotLogRetention");
        assertThat(e.line()).isEqualTo(3);
        assertThat(e.getMessage()).contains("snapshotLogRetention", "0 or more", "got -1", "retention.yaml",
                "0 deletes all the log a snapshot covers", "default keeps 1024");
    }

    @Test
    void refusesSomethingThatIsNotANumber() {
        ConfigurationException e = refused("snapshotLogRetention: lots\n" + MEMBERS);
        assertThat(e.key()).isEqualTo("snapshotLogRetention");
        assertThat(e.getMessage()).contains("whole number of entries", "got 'lots'");
    }

    @Test
    void theBuilderRefusesANegativeCountToo() {
        ConfigurationException e = catchThrowableOfType(ConfigurationException.class,
                () -> ClusterConfig.builder().member(1, "a", 1).snapshotLogRetention(-5).build());
        assertThat(e.key()).isEqualTo("snapshotLogRetention");
        assertThat(e.getMessage()).contains("0 or more", "got -5");
    }
}
