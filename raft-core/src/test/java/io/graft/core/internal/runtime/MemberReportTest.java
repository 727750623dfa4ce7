package io.graft.core.internal.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.graft.api.RaftNode;
import io.graft.api.Role;
import io.graft.api.report.FollowerReport;
import io.graft.api.report.MemberReport;
import io.graft.api.report.ReplicationMode;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** A member report says what the leader knows of each follower, and what each member holds. */
class MemberReportTest {

    @Test
    void theLeaderReportsEachFollowerAndItsLog() {
        try (Members<RaftEventsTest.Counter> m = new Members<>(3, id -> new RaftEventsTest.Counter(), (id, b) -> b)) {
            RaftNode<String, Integer> leader = m.awaitLeader();
            for (int i = 0; i < 100; i++) {
                leader.submit("command-" + i).join(); // 9 bytes each
            }
            long last = leader.status().lastLogIndex();
            await().atMost(Duration.ofSeconds(5)).until(() -> leader.report().join().followers().stream()
                    .allMatch(f -> f.matchIndex() == last));
            MemberReport r = leader.report().join();
            assertThat(r.role()).isEqualTo(Role.LEADER);
            assertThat(r.leaderId()).hasValue(leader.id());
            assertThat(r.lastLogIndex()).isEqualTo(last);
            assertThat(r.logEntries()).isEqualTo(last);
            assertThat(r.logBytes()).isGreaterThanOrEqualTo(100 * 9L);
            assertThat(r.appliedIndex()).isEqualTo(last);
            assertThat(r.applyLag()).isZero();
            assertThat(r.snapshotIndex()).isZero();
            assertThat(r.failure()).isEmpty();
            assertThat(r.followers()).extracting(FollowerReport::memberId)
                    .containsExactlyInAnyOrderElementsOf(m.nodes.stream().map(RaftNode::id)
                            .filter(id -> id != leader.id()).toList());
            for (FollowerReport f : r.followers()) {
                assertThat(f.voter()).isTrue();
                assertThat(f.mode()).isEqualTo(ReplicationMode.REPLICATE);
                assertThat(f.nextIndex()).isEqualTo(last + 1);
                assertThat(f.sinceLastContact()).hasValueSatisfying(d -> assertThat(d).isLessThan(Duration.ofSeconds(2)));
                assertThat(f.lag(r.lastLogIndex())).isZero();
            }
        }
    }

    @Test
    void aFollowerReportsNoFollowersAndASnapshotShowsUp() {
        try (Members<RaftEventsTest.Counter> m = new Members<>(3, id -> new RaftEventsTest.Counter(), (id, b) -> b)) {
            RaftNode<String, Integer> leader = m.awaitLeader();
            RaftNode<String, Integer> follower = m.nodes.stream().filter(n -> n != leader).findFirst().orElseThrow();
            leader.submit("x").join();
            long index = follower.takeSnapshot().join();
            await().atMost(Duration.ofSeconds(5)).until(() -> follower.report().join().snapshotIndex() == index);
            MemberReport r = follower.report().join();
            assertThat(r.role()).isEqualTo(Role.FOLLOWER);
            assertThat(r.followers()).isEmpty();
            assertThat(r.leaderId()).hasValue(leader.id());
            assertThat(r.snapshotBytes()).isPositive();
            assertThat(r.membership().voters()).hasSize(3);
        }
    }

    @Test
    void aClosedMemberStillReports() {
        try (Members<RaftEventsTest.Counter> m = new Members<>(3, id -> new RaftEventsTest.Counter(), (id, b) -> b)) {
            RaftNode<String, Integer> leader = m.awaitLeader();
            leader.submit("x").join();
            long commit = leader.status().commitIndex();
            leader.close();
            MemberReport r = leader.report().join();
            assertThat(r.role()).isEqualTo(Role.FOLLOWER);
            assertThat(r.commitIndex()).isEqualTo(commit);
            assertThat(r.failure()).isEmpty();
        }
    }
}
