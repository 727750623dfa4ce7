package io.graft.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.graft.api.RaftNode;
import io.graft.api.Role;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Whole members (runtime, in-memory transport, memory or file storage) whose storage lost what they had
 * acknowledged: a member that lost its data directory must not vote acknowledged writes away, and a follower
 * whose newest log segment was cut is repaired by the leader that counted its acknowledgements.
 */
class DamagedMemberClusterTest {
    private static final Duration ELECTION_TIMEOUT = Duration.ofMillis(300);

    @TempDir
    Path root;

    private TestCluster<String, Integer> start(StorageKind storage) {
        return storage.configure(Words.cluster().nodes(3).electionTimeout(ELECTION_TIMEOUT)
                .heartbeatInterval(Duration.ofMillis(30)), root).start();
    }

    /**
     * Member A misses 100 acknowledged writes; member B, which holds them, loses its data; the leader, the
     * other holder, is down. A and the blank B must not elect anyone; once the old leader is back, every
     * acknowledged write is on every member.
     */
    @ParameterizedTest
    @EnumSource(StorageKind.class)
    void aBlankMemberDoesNotVoteAcknowledgedWritesAway(StorageKind storage) {
        try (TestCluster<String, Integer> cluster = start(storage)) {
            int leader = cluster.awaitLeader().id();
            Iterator<Integer> followers = cluster.othersThan(leader).iterator();
            int behind = followers.next();
            int wiped = followers.next();
            SafeWrites.words(cluster, "before", 20);
            cluster.awaitConvergence();
            // A new cluster's members are confirmed as caught up within a round or two; wait for it.
            Waiter.until(() -> cluster.runningNodes().stream().noneMatch(n -> n.status().catchingUp()),
                    TestCluster.DEFAULT_TIMEOUT, "every member confirmed as caught up", cluster::describe);

            cluster.crash(behind);
            List<String> acknowledged = SafeWrites.words(cluster, "k", 100);
            assertThat(acknowledged).hasSize(100);
            cluster.crash(wiped);
            cluster.crash(leader);
            cluster.restart(behind);
            cluster.restartWiped(wiped);

            Waiter.holds(() -> cluster.leader().isEmpty(), ELECTION_TIMEOUT.multipliedBy(8),
                    "members " + behind + " (missing the acknowledged writes) and " + wiped
                            + " (blank) elect no leader", cluster::describe);

            cluster.restart(leader);
            String after = SafeWrites.oneAcknowledged(cluster, "after");
            cluster.awaitConvergence();
            for (int id : cluster.memberIds()) {
                assertThat(cluster.appliedCommands(id)).as("member %d of %s", id, cluster.describe())
                        .containsSubsequence(acknowledged).endsWith(after);
            }
        }
    }

    @Test
    void aFollowerWhoseNewestSegmentWasCutIsRepairedByTheSameLeader() throws IOException {
        try (TestCluster<String, Integer> cluster = start(StorageKind.FILE)) {
            RaftNode<String, Integer> leader = cluster.awaitLeader();
            int follower = cluster.othersThan(leader.id()).iterator().next();
            List<String> first = SafeWrites.words(cluster, "a", 200);
            cluster.awaitConvergence();
            long termBefore = leader.status().term();

            cluster.crash(follower);
            Path newest = newestSegment(cluster.dataDirectory(follower).orElseThrow());
            try (FileChannel channel = FileChannel.open(newest, StandardOpenOption.WRITE)) {
                channel.truncate(channel.size() / 2);
            }
            RaftNode<String, Integer> restarted = cluster.restart(follower);
            long lastAfterDamage = restarted.status().lastLogIndex();
            assertThat(lastAfterDamage).isLessThan(leader.status().lastLogIndex());

            List<String> second = SafeWrites.words(cluster, "b", 20);
            cluster.awaitConvergence();
            assertThat(leader.status().role()).isEqualTo(Role.LEADER);
            assertThat(leader.status().term()).as("repaired without an election").isEqualTo(termBefore);
            assertThat(cluster.appliedCommands(follower)).containsSubsequence(first).containsSubsequence(second);
        }
    }

    private static Path newestSegment(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".seg")).sorted()
                    .reduce((a, b) -> b).orElseThrow();
        }
    }
}
