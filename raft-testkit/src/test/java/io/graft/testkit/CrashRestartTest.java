package io.graft.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.graft.api.RaftNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Crashes and restarts, with memory logs and with file logs re-read from disk. */
class CrashRestartTest {
    @TempDir
    Path dataRoot;

    private TestCluster<String, Integer> start(StorageKind storage) {
        return storage.configure(Words.cluster().nodes(3), dataRoot).start();
    }

    /** Each command is applied at most once, and every acknowledged one in the order written. */
    private static void assertAppliedOnceInOrder(List<String> applied, List<String> acknowledged) {
        assertThat(applied).doesNotHaveDuplicates().containsSubsequence(acknowledged);
    }

    @ParameterizedTest
    @EnumSource(StorageKind.class)
    void crashedFollowerRestartsFromItsLogAndCatchesUp(StorageKind storage) {
        try (TestCluster<String, Integer> cluster = start(storage)) {
            List<String> acknowledged = new ArrayList<>(SafeWrites.words(cluster, "a", 50));
            cluster.awaitConvergence();
            int follower = cluster.othersThan(cluster.awaitLeader().id()).iterator().next();
            long termBefore = cluster.node(follower).status().term();
            long appliedBefore = cluster.node(follower).status().appliedIndex();
            cluster.crash(follower);
            acknowledged.addAll(SafeWrites.words(cluster, "b", 50));
            RaftNode<String, Integer> restarted = cluster.restart(follower);
            // What it persisted survives (a member applies only what it has synced): its log and term come back
            // before it hears from anyone.
            assertThat(restarted.status().lastLogIndex()).isGreaterThanOrEqualTo(appliedBefore);
            assertThat(restarted.status().term()).isGreaterThanOrEqualTo(termBefore);
            cluster.awaitConvergence();
            assertThat(acknowledged).as("writes acknowledged despite leadership changes").hasSizeGreaterThan(50);
            assertAppliedOnceInOrder(cluster.appliedCommands(follower), acknowledged);
        }
    }

    @ParameterizedTest
    @EnumSource(StorageKind.class)
    void crashedLeaderIsReplacedAndRejoinsWithoutLosingAcknowledgedWrites(StorageKind storage) {
        try (TestCluster<String, Integer> cluster = start(storage)) {
            List<String> acknowledged = new ArrayList<>();
            for (int round = 0; round < 3; round++) {
                acknowledged.addAll(SafeWrites.words(cluster, "r" + round + "-", 20));
                int leader = cluster.awaitLeader().id();
                cluster.awaitCaughtUp(); // Past a new cluster's first rounds, which need their leader (see there).
                cluster.crash(leader);
                cluster.awaitLeaderAmong(cluster.othersThan(leader));
                cluster.restart(leader);
            }
            acknowledged.add(SafeWrites.oneAcknowledged(cluster, "last"));
            cluster.awaitConvergence();
            for (int id : cluster.memberIds()) {
                assertAppliedOnceInOrder(cluster.appliedCommands(id), acknowledged);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(StorageKind.class)
    void wholeClusterRestartRecoversEverything(StorageKind storage) {
        try (TestCluster<String, Integer> cluster = start(storage)) {
            List<String> acknowledged = new ArrayList<>(SafeWrites.words(cluster, "w", 30));
            for (int id : cluster.memberIds()) {
                cluster.crash(id);
            }
            for (int id : cluster.memberIds()) {
                cluster.restart(id);
            }
            acknowledged.add(SafeWrites.oneAcknowledged(cluster, "after"));
            cluster.awaitConvergence();
            for (int id : cluster.memberIds()) {
                assertAppliedOnceInOrder(cluster.appliedCommands(id), acknowledged);
            }
        }
    }
}
