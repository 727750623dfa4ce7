package io.graft.node.admin;

import io.graft.api.Membership;
import io.graft.api.Role;
import io.graft.api.config.Member;
import io.graft.api.event.RaftEvent;
import io.graft.api.event.RaftEventListener;
import io.graft.api.report.FollowerReport;
import io.graft.api.report.MemberReport;
import io.graft.api.report.ReplicationMode;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

/** A {@link MemberView} whose state the test sets: member 1 of a three-voter cluster. */
final class FakeMember implements MemberView {
    volatile MemberReport report = report(Role.FOLLOWER, OptionalInt.of(2), 10, 10);
    volatile boolean running = true;
    volatile Throwable failure;
    volatile RuntimeException reportFailure;
    final List<RaftEventListener> listeners = new CopyOnWriteArrayList<>();

    /** A report of member 1 in term 3; a leader's has followers 2 and 3. */
    static MemberReport report(Role role, OptionalInt leader, long commit, long applied) {
        TreeMap<Integer, Member> voters = new TreeMap<>();
        for (int id = 1; id <= 3; id++) {
            voters.put(id, new Member(id, "127.0.0.1", 7400 + id));
        }
        List<FollowerReport> followers = role != Role.LEADER ? List.of() : List.of(
                new FollowerReport(2, true, commit, commit + 1, 0, ReplicationMode.REPLICATE,
                        Optional.of(Duration.ofMillis(12)), false),
                new FollowerReport(3, true, commit - 5, commit - 4, 1, ReplicationMode.PROBE, Optional.empty(), false));
        return new MemberReport(1, "fake-cluster", role, 3, leader, false, commit, applied, 1, commit, 4096, 0, 0, 2,
                0, new Membership(7, voters, new TreeMap<>()), followers, Duration.ofSeconds(61), Optional.empty());
    }

    /** Tells the registered listeners of {@code event}. */
    void publish(RaftEvent event) {
        listeners.forEach(l -> l.onEvent(event));
    }

    @Override
    public int memberId() {
        return 1;
    }

    @Override
    public CompletableFuture<MemberReport> report() {
        RuntimeException failing = reportFailure;
        return failing != null ? CompletableFuture.failedFuture(failing) : CompletableFuture.completedFuture(report);
    }

    @Override
    public boolean running() {
        return running;
    }

    @Override
    public Optional<Throwable> failure() {
        return Optional.ofNullable(failure);
    }

    @Override
    public AutoCloseable addListener(RaftEventListener listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }
}
