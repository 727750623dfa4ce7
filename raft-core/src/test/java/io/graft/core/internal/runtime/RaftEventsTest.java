package io.graft.core.internal.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.graft.api.RaftNode;
import io.graft.api.Role;
import io.graft.api.SnapshotWriter;
import io.graft.api.config.Member;
import io.graft.api.event.ElectionStarted;
import io.graft.api.event.LeaderChanged;
import io.graft.api.event.MemberStopped;
import io.graft.api.event.MembershipCommitted;
import io.graft.api.event.RaftEvent;
import io.graft.api.event.RoleChanged;
import io.graft.api.event.SnapshotTaken;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Events reach listeners in order, off the event loop; slow or failing listeners harm nothing else. */
class RaftEventsTest {

    /** Counts applies and can snapshot (an empty state). */
    static final class Counter extends LocalClusterSmokeTest.Recorder {
        @Override
        public SnapshotWriter snapshot() {
            return out -> { };
        }

        @Override
        public void restore(java.io.InputStream in) {
        }
    }

    @Test
    void anElectionIsToldInOrderFromTheStart() {
        List<List<RaftEvent>> seen = List.of(new CopyOnWriteArrayList<>(), new CopyOnWriteArrayList<>(),
                new CopyOnWriteArrayList<>());
        try (Members<Counter> m = new Members<>(3, id -> new Counter(),
                (id, b) -> b.listener(seen.get(id - 1)::add))) {
            RaftNode<String, Integer> leader = m.awaitLeader();
            long term = leader.status().term();
            List<RaftEvent> mine = seen.get(leader.id() - 1);
            await().atMost(Duration.ofSeconds(5)).until(() -> mine.stream()
                    .anyMatch(e -> e instanceof LeaderChanged l && l.leaderId().orElse(0) == leader.id()));
            List<String> kinds = mine.stream().map(RaftEventsTest::describe).toList();
            assertThat(kinds).containsSubsequence("election " + term, "role CANDIDATE->LEADER " + term,
                    "leader " + leader.id() + " " + term);
            assertThat(mine).allMatch(e -> e.memberId() == leader.id());
            for (RaftNode<String, Integer> n : m.nodes) {
                if (n != leader) {
                    await().atMost(Duration.ofSeconds(5)).until(() -> seen.get(n.id() - 1).stream().anyMatch(
                            e -> e instanceof LeaderChanged l && l.leaderId().orElse(0) == leader.id()
                                    && l.term() == term));
                }
            }
        }
    }

    @Test
    void aListenerThatBlocksDelaysNeitherHeartbeatsNorReplication() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger blocked = new AtomicInteger();
        try (Members<Counter> m = new Members<>(3, id -> new Counter(), (id, b) -> b)) {
            RaftNode<String, Integer> leader = m.awaitLeader();
            long term = leader.status().term();
            leader.addListener(e -> {
                blocked.incrementAndGet();
                try {
                    release.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                }
            });
            // Its commit is an event; the future completes on the same callback thread, after the listener.
            CompletableFuture<Void> adding = leader.addLearner(new Member(4, "m4", 1));
            await().atMost(Duration.ofSeconds(5)).until(() -> blocked.get() == 1);
            // Ten election timeouts with the listener stuck: the leader keeps leading the same term.
            await().during(Members.ELECTION_TIMEOUT.multipliedBy(10)).atMost(Duration.ofSeconds(5))
                    .until(() -> leader.status().isLeader() && leader.status().term() == term
                            && m.nodes.stream().allMatch(n -> n.status().term() == term));
            CompletableFuture<Integer> submitted = leader.submit("still served");
            await().atMost(Duration.ofSeconds(5)).until(() -> leader.status().appliedIndex() >= leader.status()
                    .lastLogIndex() && m.nodes.stream().allMatch(n -> n.status().appliedIndex() >= 3));
            release.countDown();
            adding.get(5, TimeUnit.SECONDS);
            assertThat(submitted.get(5, TimeUnit.SECONDS)).isPositive();
        }
    }

    @Test
    void aListenerThatThrowsIsKept() {
        List<RaftEvent> seen = new CopyOnWriteArrayList<>();
        AtomicInteger calls = new AtomicInteger();
        try (Members<Counter> m = new Members<>(3, id -> new Counter(), (id, b) -> b)) {
            RaftNode<String, Integer> leader = m.awaitLeader();
            leader.addListener(e -> {
                calls.incrementAndGet();
                throw new IllegalStateException("a listener's bug");
            });
            leader.addListener(seen::add);
            leader.addLearner(new Member(4, "m4", 1)).join();
            leader.removeMember(4).join();
            await().atMost(Duration.ofSeconds(5)).until(() -> seen.stream()
                    .filter(e -> e instanceof MembershipCommitted).count() == 2);
            assertThat(calls.get()).isGreaterThanOrEqualTo(2);
            MembershipCommitted last = (MembershipCommitted) seen.stream()
                    .filter(e -> e instanceof MembershipCommitted).reduce((a, b) -> b).orElseThrow();
            assertThat(last.membership().contains(4)).isFalse();
        }
    }

    @Test
    void snapshotsAreTold() {
        List<RaftEvent> seen = new CopyOnWriteArrayList<>();
        try (Members<Counter> m = new Members<>(3, id -> new Counter(), (id, b) -> b)) {
            RaftNode<String, Integer> leader = m.awaitLeader();
            leader.addListener(seen::add);
            leader.submit("a").join();
            long index = leader.takeSnapshot().join();
            await().atMost(Duration.ofSeconds(5)).until(() -> seen.stream().anyMatch(e -> e instanceof SnapshotTaken));
            SnapshotTaken taken = (SnapshotTaken) seen.stream().filter(e -> e instanceof SnapshotTaken)
                    .findFirst().orElseThrow();
            assertThat(taken.index()).isEqualTo(index);
            assertThat(taken.bytes()).isPositive();
            assertThat(taken.took()).isPositive();
        }
    }

    @Test
    void aMemberThatStopsByItselfTellsWhy() {
        List<RaftEvent> seen = new CopyOnWriteArrayList<>();
        try (Members<LocalClusterSmokeTest.Recorder> m = new Members<>(3, id -> new LocalClusterSmokeTest.Recorder() {
            @Override
            public Integer apply(long index, String command) {
                if (command.equals("die")) {
                    throw new OutOfMemoryError("injected");
                }
                return super.apply(index, command);
            }
        }, (id, b) -> b)) {
            RaftNode<String, Integer> leader = m.awaitLeader();
            leader.addListener(seen::add);
            leader.submit("die");
            await().atMost(Duration.ofSeconds(10)).until(() -> seen.stream().anyMatch(e -> e instanceof MemberStopped));
            MemberStopped stopped = (MemberStopped) seen.stream().filter(e -> e instanceof MemberStopped)
                    .findFirst().orElseThrow();
            assertThat(stopped.cause()).hasMessageContaining("injected");
            assertThat(leader.failure()).isPresent();
        }
    }

    @Test
    void preVoteComesFromTheConfigurationAndTheBuilderOverridesIt() {
        List<RaftEvent> seen = new CopyOnWriteArrayList<>();
        try (Members<Counter> m = new Members<>(3, id -> new Counter(), c -> c.preVote(false),
                (id, b) -> b.listener(seen::add))) {
            m.awaitLeader();
            await().atMost(Duration.ofSeconds(5)).until(() -> seen.stream().anyMatch(e -> e instanceof ElectionStarted));
            assertThat(seen).filteredOn(e -> e instanceof ElectionStarted)
                    .allMatch(e -> !((ElectionStarted) e).preVote());
        }
        seen.clear();
        try (Members<Counter> m = new Members<>(3, id -> new Counter(), c -> c.preVote(false),
                (id, b) -> b.preVote(true).listener(seen::add))) {
            m.awaitLeader();
            await().atMost(Duration.ofSeconds(5)).until(() -> seen.stream().anyMatch(e -> e instanceof ElectionStarted));
            assertThat(seen).filteredOn(e -> e instanceof ElectionStarted)
                    .anyMatch(e -> ((ElectionStarted) e).preVote());
        }
    }

    private static String describe(RaftEvent e) {
        if (e instanceof ElectionStarted s) {
            return (s.preVote() ? "pre-vote " : "election ") + s.term();
        } else if (e instanceof RoleChanged r) {
            return "role " + r.from() + "->" + r.to() + " " + r.term();
        } else if (e instanceof LeaderChanged l) {
            return "leader " + l.leaderId().orElse(0) + " " + l.term();
        }
        return e.getClass().getSimpleName();
    }

    static boolean is(Role role, RaftEvent e) {
        return e instanceof RoleChanged r && r.to() == role;
    }
}
