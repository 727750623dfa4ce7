package io.graft.api.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

class ClusterConfigTest {

    private static ClusterConfig.Builder threeMembers() {
        return ClusterConfig.builder().member(1, "a", 7400).member(2, "b", 7400).member(3, "c", 7400);
    }

    @Test
    void isBuiltOnlyThroughItsBuilderSoNewSettingsBreakNoCaller() {
        assertThat(ClusterConfig.class.isRecord()).isFalse();
        assertThat(ClusterConfig.class.getConstructors()).isEmpty();
    }

    @Test
    void aBuilderStartsFromTheDefaults() {
        ClusterConfig c = threeMembers().build();

        assertThat(c.memberIds()).containsExactly(1, 2, 3);
        assertThat(c.electionTimeout()).isEqualTo(ClusterConfig.DEFAULT_ELECTION_TIMEOUT);
        assertThat(c.heartbeatInterval()).isEqualTo(Duration.ofMillis(15));
        assertThat(c.transport()).isEqualTo("inmemory");
        assertThat(c.codec()).isEqualTo("bytes");
        assertThat(c.namesCodec()).isFalse();
        assertThat(c.stateMachine()).isEmpty();
        assertThat(c.dataDir()).isEmpty();
        assertThat(c.maxPendingCommands()).isEqualTo(ClusterConfig.DEFAULT_MAX_PENDING_COMMANDS);
        assertThat(c.clusterId()).isEqualTo("graft");
        assertThat(c.fsync()).isTrue();
        assertThat(c.snapshotEvery()).isEqualTo(ClusterConfig.DEFAULT_SNAPSHOT_EVERY);
        assertThat(c.sessionTimeout()).isEqualTo(ClusterConfig.DEFAULT_SESSION_TIMEOUT);
        assertThat(c.snapshotLogRetention()).isEqualTo(ClusterConfig.DEFAULT_SNAPSHOT_LOG_RETENTION);
        assertThat(c.transportOptions().values()).isEmpty();
    }

    @Test
    void toBuilderCopiesEverySetting() {
        ClusterConfig c = threeMembers().electionTimeout(Duration.ofMillis(300)).heartbeatInterval(Duration.ofMillis(40))
                .transport("zeromq").codec("kryo").stateMachine("kv").dataDir(Path.of("data"))
                .maxPendingCommands(10).transportOptions(new Options(Map.of("k", List.of("v")), "transportOptions"))
                .codecOptions(new Options(Map.of("c", List.of("1")), "codecOptions"))
                .stateMachineOptions(new Options(Map.of("s", List.of("2")), "stateMachineOptions"))
                .clusterId("prod").fsync(false).snapshotEvery(5).sessionTimeout(Duration.ofSeconds(9))
                .snapshotLogRetention(0).build();

        ClusterConfig copy = c.toBuilder().build();

        assertThat(copy).isEqualTo(c).hasSameHashCodeAs(c).isNotSameAs(c);
        assertThat(copy.namesCodec()).isTrue();
        assertThat(copy.toString()).isEqualTo(c.toString()).contains("zeromq", "kryo", "prod", "300 ms", "40 ms");
    }

    @Test
    void eachSettingTakesPartInEquality() {
        ClusterConfig base = threeMembers().build();
        List<UnaryOperator<ClusterConfig.Builder>> changes = List.of(
                b -> b.member(4, "d", 1), b -> b.electionTimeout(Duration.ofMillis(200)),
                b -> b.heartbeatInterval(Duration.ofMillis(10)), b -> b.transport("zeromq"), b -> b.codec("kryo"),
                b -> b.stateMachine("kv"), b -> b.dataDir(Path.of("d")), b -> b.maxPendingCommands(1),
                b -> b.transportOptions(new Options(Map.of("a", List.of("b")), "transportOptions")),
                b -> b.codecOptions(new Options(Map.of("a", List.of("b")), "codecOptions")),
                b -> b.stateMachineOptions(new Options(Map.of("a", List.of("b")), "stateMachineOptions")),
                b -> b.clusterId("other"), b -> b.fsync(false), b -> b.snapshotEvery(1),
                b -> b.sessionTimeout(Duration.ofSeconds(1)), b -> b.snapshotLogRetention(1));

        for (UnaryOperator<ClusterConfig.Builder> change : changes) {
            assertThat(change.apply(base.toBuilder()).build()).isNotEqualTo(base);
        }
        assertThat(base.toBuilder().codec("bytes").build()).as("naming the default codec changes no behaviour")
                .isEqualTo(base);
    }

    @Test
    void aDefaultHeartbeatFollowsTheElectionTimeoutThroughToBuilder() {
        ClusterConfig fast = threeMembers().electionTimeout(Duration.ofMillis(100)).build();

        ClusterConfig slow = fast.toBuilder().electionTimeout(Duration.ofMillis(1000)).build();

        assertThat(slow.heartbeatInterval()).isEqualTo(Duration.ofMillis(100));
        ClusterConfig given = threeMembers().heartbeatInterval(Duration.ofMillis(7)).build();
        assertThat(given.toBuilder().electionTimeout(Duration.ofMillis(1000)).build().heartbeatInterval())
                .isEqualTo(Duration.ofMillis(7));
    }

    @Test
    void membersAreReplacedByIdAndCanBeRemoved() {
        ClusterConfig c = threeMembers().member(2, "moved", 9).withoutMember(3).build();

        assertThat(c.members().values()).containsExactly(new Member(1, "a", 7400), new Member(2, "moved", 9));
        assertThatThrownBy(() -> c.members().put(5, new Member(5, "e", 1)))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> c.member(3)).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("member 3 is not in the cluster; members are [1, 2]");
    }

    @Test
    void buildNamesTheSettingAtFault() {
        assertRefused(ClusterConfig.builder(), "configuration", "at least one member");
        assertRefused(threeMembers().electionTimeout(Duration.ZERO), "electionTimeout", "must be positive");
        assertRefused(threeMembers().electionTimeout(null), "electionTimeout", "must be given");
        assertRefused(threeMembers().electionTimeout(Duration.ofMillis(1)), "electionTimeout", "at least 2 ms");
        assertRefused(threeMembers().heartbeatInterval(Duration.ofMillis(-1)), "heartbeatInterval", "positive");
        assertRefused(threeMembers().heartbeatInterval(Duration.ofMillis(76)), "heartbeatInterval",
                "at most half the election timeout (150 ms)");
        assertRefused(threeMembers().transport(" "), "transport", "must not be empty");
        assertRefused(threeMembers().codec(null), "codec", "must not be empty");
        assertRefused(threeMembers().stateMachine(null), "stateMachine", "must not be null");
        assertRefused(threeMembers().maxPendingCommands(0), "maxPendingCommands", "must be positive");
        assertRefused(threeMembers().transportOptions(null), "transportOptions", "Options.empty");
        assertRefused(threeMembers().clusterId(""), "clusterId", "must not be empty");
        assertRefused(threeMembers().snapshotEvery(0), "snapshotEvery", "must be positive");
        assertRefused(threeMembers().sessionTimeout(Duration.ZERO), "sessionTimeout", "must be positive");
        assertRefused(threeMembers().snapshotLogRetention(-1), "snapshotLogRetention", "0 or more");
    }

    private static void assertRefused(ClusterConfig.Builder builder, String key, String problem) {
        assertThatThrownBy(builder::build).isInstanceOfSatisfying(ConfigurationException.class, e -> {
            assertThat(e.key()).isEqualTo(key);
            assertThat(e.problem()).contains(problem);
            assertThat(e.getMessage()).contains("'" + key + "'", problem);
        });
    }
}
