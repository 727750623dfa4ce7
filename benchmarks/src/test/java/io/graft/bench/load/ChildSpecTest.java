package io.graft.bench.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.graft.api.config.ClusterConfig;
import io.graft.api.config.Member;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A child member must build exactly the configuration its parent built, from command-line arguments. */
class ChildSpecTest {

    private static ClusterConfig.Builder benchConfig() {
        return ClusterConfig.builder().clusterId(BenchCluster.CLUSTER_ID).codec(BenchCluster.CODEC).transport("zeromq")
                .electionTimeout(Duration.ofMillis(700)).snapshotEvery(1234).maxPendingCommands(99)
                .member(1, "127.0.0.1", 40001).member(2, "127.0.0.1", 40002).member(3, "localhost", 40003);
    }

    @Test
    void theArgumentsRebuildTheParentsConfiguration() {
        ClusterConfig parent = benchConfig().build();

        ChildSpec spec = ChildSpec.parse(ChildSpec.of(parent, 2, MetricsMode.NONE).toArgs());

        assertThat(spec.memberId()).isEqualTo(2);
        assertThat(spec.toConfig()).isEqualTo(parent);
    }

    @Test
    void aFileLogsDirectoryAndFsyncSettingTravelToo() {
        ClusterConfig parent = benchConfig().dataDir(Path.of("/tmp/graft bench/with space")).fsync(false).build();

        ClusterConfig child = ChildSpec.parse(ChildSpec.of(parent, 3, MetricsMode.NONE).toArgs()).toConfig();

        assertThat(child).isEqualTo(parent);
        assertThat(child.dataDir()).contains(Path.of("/tmp/graft bench/with space"));
        assertThat(child.fsync()).isFalse();
    }

    @Test
    void theMetricsModeTravelsToo() {
        ChildSpec spec = ChildSpec.parse(ChildSpec.of(benchConfig().build(), 2, MetricsMode.PROMETHEUS).toArgs());

        assertThat(spec.metrics()).isEqualTo(MetricsMode.PROMETHEUS);
    }

    @Test
    void settingsAChildCannotReproduceAreRefused() {
        ClusterConfig otherCodec = benchConfig().codec("kryo").build();

        assertThatThrownBy(() -> ChildSpec.of(otherCodec, 2, MetricsMode.NONE))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("extend ChildSpec");
    }

    @Test
    void aMissingArgumentIsNamed() {
        List<String> args = ChildSpec.of(benchConfig().build(), 2, MetricsMode.NONE).toArgs();
        List<String> withoutMembers = new java.util.ArrayList<>(args);
        int at = withoutMembers.indexOf("--members");
        withoutMembers.remove(at + 1);
        withoutMembers.remove(at);

        assertThatThrownBy(() -> ChildSpec.parse(withoutMembers)).hasMessageContaining("--members");
    }

    @Test
    void membersKeepTheirHosts() {
        ChildSpec spec = ChildSpec.parse(ChildSpec.of(benchConfig().build(), 1, MetricsMode.NONE).toArgs());

        assertThat(spec.members()).containsExactly(new Member(1, "127.0.0.1", 40001), new Member(2, "127.0.0.1", 40002),
                new Member(3, "localhost", 40003));
    }
}
