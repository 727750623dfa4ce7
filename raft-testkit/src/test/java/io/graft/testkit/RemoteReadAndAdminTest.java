package io.graft.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.graft.api.ClusterAdmin;
import io.graft.api.LeadershipTransferException;
import io.graft.api.Membership;
import io.graft.api.MembershipChangeException;
import io.graft.api.OutcomeUnknownException;
import io.graft.api.RaftClient;
import io.graft.api.RaftException;
import io.graft.api.RaftNode;
import io.graft.api.ReadConsistency;
import io.graft.api.RemoteCommandException;
import io.graft.api.Role;
import io.graft.api.report.MemberReport;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

/** Reads outside the log, cluster administration and session expiry, all through the remote client. */
class RemoteReadAndAdminTest {
    private static final Duration WAIT = Duration.ofSeconds(20);

    /** Wide timeouts: these tests count on the leader staying put unless they move it. */
    private static TestCluster<String, Integer> cluster() {
        return Words.stableCluster().nodes(3).resultCodec(RemoteClientTest.INTS).start();
    }

    @Test
    void readsSeeEveryAcknowledgedWriteAndNeverEnterTheLog() {
        try (TestCluster<String, Integer> cluster = cluster();
             RaftClient<String, Integer> client = cluster.client().build()) {
            RaftNode<String, Integer> leader = cluster.awaitLeader();
            for (int i = 1; i <= 10; i++) {
                int count = client.submit("w" + i).join();
                assertThat(client.read("count").join()).isEqualTo(count);
                assertThat(client.read("count", ReadConsistency.LEASE).join()).isEqualTo(count);
            }
            for (int i = 0; i < 50; i++) {
                assertThat(client.read("count").join()).isEqualTo(10);
            }
            cluster.awaitConvergence();
            // Sixty reads, and only the ten writes were applied as commands.
            assertThat(cluster.appliedCommands(leader.id())).hasSize(10);
        }
    }

    @Test
    void aReadFollowsTheLeaderAfterItCrashes() {
        try (TestCluster<String, Integer> cluster = cluster();
             RaftClient<String, Integer> client = cluster.client().retryAfter(Duration.ofMillis(200)).build()) {
            assertThat(client.submit("before").join()).isEqualTo(1);
            cluster.crash(cluster.awaitLeader().id());
            assertThat(client.read("count")).succeedsWithin(WAIT).isEqualTo(1);
        }
    }

    @Test
    void aQueryTheStateMachineRefusesFailsWithRemoteCommandException() {
        try (TestCluster<String, Integer> cluster = TestCluster.<String, Integer>builder(Words.CODEC,
                id -> (index, command) -> command.length()).resultCodec(RemoteClientTest.INTS).start();
             RaftClient<String, Integer> client = cluster.client().build()) {
            cluster.awaitLeader();
            assertThat(client.read("anything")).failsWithin(WAIT).withThrowableOfType(ExecutionException.class)
                    .withCauseInstanceOf(RemoteCommandException.class)
                    .withMessageContaining("does not answer queries");
            assertThat(client.submit("still writes").join()).isEqualTo(12);
        }
    }

    @Test
    void aReadWithoutAMajorityTimesOutAndSaysWhy() {
        try (TestCluster<String, Integer> cluster = cluster();
             RaftClient<String, Integer> client = cluster.client().requestTimeout(Duration.ofSeconds(2)).build()) {
            RaftNode<String, Integer> leader = cluster.awaitLeader();
            client.submit("w").join();
            for (int id : cluster.othersThan(leader.id())) {
                cluster.crash(id);
            }
            assertThat(client.read("count")).failsWithin(WAIT).withThrowableOfType(ExecutionException.class)
                    .withCauseInstanceOf(TimeoutException.class).withMessageContaining("majority");
        }
    }

    @Test
    void leadershipMovesToTheMemberNamedAndAStrangerIsRefused() {
        try (TestCluster<String, Integer> cluster = cluster();
             RaftClient<String, Integer> client = cluster.client().build()) {
            ClusterAdmin admin = client.admin();
            int leader = cluster.awaitLeader().id();
            for (int target : cluster.othersThan(leader)) {
                assertThat(admin.transferLeadership(target)).succeedsWithin(WAIT);
                assertThat(cluster.awaitLeader().id()).isEqualTo(target);
                // Already there: completes at once, and the client writes on through the new leader.
                assertThat(admin.transferLeadership(target)).succeedsWithin(WAIT);
                assertThat(client.submit("at " + target)).succeedsWithin(WAIT);
            }
            assertThat(admin.transferLeadership(9)).failsWithin(WAIT).withThrowableOfType(ExecutionException.class)
                    .withCauseInstanceOf(LeadershipTransferException.class).withMessageContaining("not a voter");
        }
    }

    @Test
    void membersAndLearnersAreAddedAndRemovedThroughTheClient() {
        try (TestCluster<String, Integer> cluster = cluster();
             RaftClient<String, Integer> client = cluster.client().build()) {
            ClusterAdmin admin = client.admin();
            client.submit("first").join(); // The leader has committed in its term: changes are allowed.
            Membership bootstrap = admin.membership().join();
            assertThat(bootstrap.voters().keySet()).containsExactly(1, 2, 3);
            assertThat(bootstrap.index()).isZero();

            cluster.startJoining(4);
            assertThat(admin.addMember(TestCluster.addressOf(4))).succeedsWithin(WAIT);
            cluster.startJoining(5);
            assertThat(admin.addLearner(TestCluster.addressOf(5))).succeedsWithin(WAIT);
            Membership grown = admin.membership().join();
            assertThat(grown.voters()).containsOnlyKeys(1, 2, 3, 4).containsEntry(4, TestCluster.addressOf(4));
            assertThat(grown.learners()).containsOnlyKeys(5);
            assertThat(grown.index()).isPositive();
            client.submit("second").join();
            await().atMost(WAIT).until(() -> cluster.appliedCommands(4).contains("second")
                    && cluster.appliedCommands(5).contains("second"));

            assertThat(admin.addLearner(TestCluster.addressOf(4))).failsWithin(WAIT)
                    .withThrowableOfType(ExecutionException.class).withCauseInstanceOf(MembershipChangeException.class)
                    .withMessageContaining("member 4 is a voter");

            assertThat(admin.removeMember(5)).succeedsWithin(WAIT);
            assertThat(admin.removeMember(4)).succeedsWithin(WAIT);
            assertThat(admin.removeMember(4)).as("removing a member that is gone").succeedsWithin(WAIT);
            Membership shrunk = admin.membership().join();
            assertThat(shrunk.voters()).containsOnlyKeys(1, 2, 3);
            assertThat(shrunk.learners()).isEmpty();
            assertThat(shrunk.index()).isGreaterThan(grown.index());
        }
    }

    @Test
    void eachMemberReportsForItselfAndOneThatIsDownTimesOut() {
        try (TestCluster<String, Integer> cluster = cluster();
             RaftClient<String, Integer> client = cluster.client().requestTimeout(Duration.ofSeconds(2)).build()) {
            ClusterAdmin admin = client.admin();
            int leader = cluster.awaitLeader().id();
            client.submit("w").join();
            for (int id = 1; id <= 3; id++) {
                MemberReport r = admin.report(id).join();
                assertThat(r.memberId()).isEqualTo(id);
                assertThat(r.role()).isEqualTo(id == leader ? Role.LEADER : Role.FOLLOWER);
                assertThat(r.leaderId()).hasValue(leader);
                assertThat(r.followers()).hasSize(id == leader ? 2 : 0);
            }
            // Words takes no snapshots: the member says so.
            assertThat(admin.takeSnapshot(leader)).failsWithin(WAIT).withThrowableOfType(ExecutionException.class)
                    .withCauseInstanceOf(RaftException.class).withMessageContaining("does not support snapshots");

            int down = cluster.othersThan(leader).iterator().next();
            cluster.crash(down);
            assertThat(admin.report(down)).failsWithin(WAIT).withThrowableOfType(ExecutionException.class)
                    .withCauseInstanceOf(TimeoutException.class).withMessageContaining("member " + down);
            assertThat(admin.report(leader).join().memberId()).isEqualTo(leader);
        }
    }

    @Test
    void anIdleSessionExpiresAfterTheConfiguredSessionTimeout() {
        try (TestCluster<String, Integer> cluster = Words.cluster().resultCodec(RemoteClientTest.INTS)
                .sessionTimeout(Duration.ofMillis(300)).start()) {
            assertThat(secondCommandAfterIdling(cluster, Duration.ofMillis(600))).failsWithin(WAIT)
                    .withThrowableOfType(ExecutionException.class).withCauseInstanceOf(OutcomeUnknownException.class)
                    .withMessageContaining("expired");
            cluster.awaitConvergence();
            assertThat(cluster.appliedCommands(cluster.awaitLeader().id())).doesNotContain("second");
        }
    }

    @Test
    void anIdleSessionWithinTheConfiguredSessionTimeoutIsKept() {
        try (TestCluster<String, Integer> cluster = Words.cluster().resultCodec(RemoteClientTest.INTS)
                .sessionTimeout(Duration.ofMinutes(1)).start()) {
            assertThat(secondCommandAfterIdling(cluster, Duration.ofMillis(600))).succeedsWithin(WAIT);
        }
    }

    /**
     * One client writes, stays idle for {@code idle} while another writes (sessions expire by the leader's
     * clock as recorded in the log, so the log must move on), then writes again.
     */
    private static CompletableFuture<Integer> secondCommandAfterIdling(
            TestCluster<String, Integer> cluster, Duration idle) {
        cluster.awaitLeader();
        try (RaftClient<String, Integer> idler = cluster.client().build();
             RaftClient<String, Integer> busy = cluster.client().build()) {
            idler.submit("first").join();
            long idleSince = System.nanoTime();
            await().atMost(WAIT).until(() -> {
                busy.submit("tick").join();
                return System.nanoTime() - idleSince > idle.toNanos();
            });
            CompletableFuture<Integer> second = idler.submit("second");
            await().atMost(WAIT).until(second::isDone); // Before closing the client, which would fail it.
            return second;
        }
    }
}
