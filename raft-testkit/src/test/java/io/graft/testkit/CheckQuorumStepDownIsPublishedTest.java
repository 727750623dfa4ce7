package io.graft.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.graft.api.NodeStatus;
import io.graft.api.OutcomeUnknownException;
import io.graft.api.RaftNode;
import io.graft.api.Role;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * A leader that steps down by check-quorum (a timer, in {@code tick}) says so at once. The step-down gives the
 * core nothing to hand over, and the event loop used to publish its status only with such work: the member went
 * on reporting {@code LEADER}, and its pending commands went on waiting, until its next campaign an election
 * timeout later. Its status then went from {@code LEADER} straight to {@code PRE_CANDIDATE}.
 */
class CheckQuorumStepDownIsPublishedTest {
    private static final Duration ELECTION_TIMEOUT = Duration.ofMillis(400);

    @Test
    void anIsolatedLeaderReportsFollowerAndFailsItsPendingCommandsWhenItStepsDown() {
        try (TestCluster<String, Integer> cluster = Words.cluster().nodes(3).electionTimeout(ELECTION_TIMEOUT)
                .heartbeatInterval(Duration.ofMillis(40)).start()) {
            RaftNode<String, Integer> leader = cluster.awaitLeader();
            leader.submit("committed").join();
            long term = leader.status().term();

            cluster.isolate(leader.id());
            List<CompletableFuture<Integer>> stranded = new ArrayList<>();
            List<Role> roleWhenFailed = new CopyOnWriteArrayList<>();
            for (int i = 0; i < 5; i++) {
                CompletableFuture<Integer> f = leader.submit("stranded-" + i);
                f.whenComplete((r, e) -> roleWhenFailed.add(leader.status().role()));
                stranded.add(f);
            }

            // Check-quorum steps it down within two election timeouts of the isolation; the status must show the
            // step-down itself (a follower of nobody, same term), not only the campaign an election timeout later.
            AtomicReference<NodeStatus> firstNotLeading = new AtomicReference<>();
            await().pollInterval(Duration.ofMillis(1)).atMost(ELECTION_TIMEOUT.multipliedBy(2).plusSeconds(3))
                    .until(() -> {
                        NodeStatus s = leader.status();
                        if (s.isLeader()) {
                            return false;
                        }
                        firstNotLeading.set(s);
                        return true;
                    });
            NodeStatus s = firstNotLeading.get();
            assertThat(s.role()).as("the first status after leading: %s", s).isEqualTo(Role.FOLLOWER);
            assertThat(s.term()).isEqualTo(term);
            assertThat(s.leaderId()).isZero();
            for (CompletableFuture<Integer> f : stranded) {
                assertThat(f).failsWithin(Duration.ofSeconds(10)).withThrowableThat()
                        .havingCause().isInstanceOf(OutcomeUnknownException.class);
            }
            // Failed with the step-down (their failures are handed to the callback thread in the same round), not
            // at the member's campaign an election timeout later.
            await().atMost(Duration.ofSeconds(10)).until(() -> roleWhenFailed.size() == 5);
            assertThat(roleWhenFailed).as("the member's role when its pending commands failed")
                    .containsOnly(Role.FOLLOWER);
        }
    }
}
