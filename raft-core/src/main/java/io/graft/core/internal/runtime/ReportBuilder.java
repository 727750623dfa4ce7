package io.graft.core.internal.runtime;

import io.graft.api.Membership;
import io.graft.api.NodeStatus;
import io.graft.api.Role;
import io.graft.api.report.FollowerReport;
import io.graft.api.report.MemberReport;
import io.graft.api.report.ReplicationMode;
import io.graft.core.Clock;
import io.graft.core.internal.raft.PeerProgress;
import io.graft.core.internal.raft.RaftCore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Builds a {@link MemberReport} on the event loop from the core and what the loop tracks, plus what other
 * threads publish (the applied index, a failure). Costs one pass over the followers: cheap enough to ask every
 * second.
 */
final class ReportBuilder {
    private final int memberId;
    private final String clusterId;
    private final Clock clock;
    private final long startedAt;
    private final LongSupplier appliedIndex;
    private final Supplier<Throwable> failure;

    ReportBuilder(int memberId, String clusterId, Clock clock, LongSupplier appliedIndex,
                  Supplier<Throwable> failure) {
        this.memberId = memberId;
        this.clusterId = clusterId;
        this.clock = clock;
        this.startedAt = clock.millis();
        this.appliedIndex = appliedIndex;
        this.failure = failure;
    }

    MemberReport build(RaftCore core, Membership membership, long snapshotIndex, long snapshotBytes,
                       int pendingCommands, int pendingReads) {
        long now = clock.millis();
        List<FollowerReport> followers = new ArrayList<>();
        for (PeerProgress p : core.peers()) {
            followers.add(new FollowerReport(p.memberId(), p.voter(), p.match(), p.next(), p.inflight(),
                    ReplicationMode.valueOf(p.mode().name()),
                    p.lastContactAt() < 0 ? Optional.empty()
                            : Optional.of(Duration.ofMillis(Math.max(0, now - p.lastContactAt()))),
                    p.catchingUp()));
        }
        Throwable failed = failure.get();
        Role role = failed == null ? core.role() : Role.FOLLOWER;
        int leader = failed == null ? core.leaderId() : 0;
        return new MemberReport(memberId, clusterId, role, core.term(),
                leader > 0 ? OptionalInt.of(leader) : OptionalInt.empty(), core.catchingUp(), core.commitIndex(),
                Math.min(appliedIndex.getAsLong(), core.commitIndex()), core.firstIndex(), core.lastIndex(),
                core.logPayloadBytes(), snapshotIndex, snapshotBytes, pendingCommands, pendingReads, membership,
                followers, Duration.ofMillis(Math.max(0, now - startedAt)),
                Optional.ofNullable(failed).map(Throwable::toString));
    }

    /** The report of a member whose event loop has stopped: what it last published, and why it stopped. */
    MemberReport stopped(NodeStatus last, Membership membership) {
        Throwable failed = failure.get();
        return new MemberReport(memberId, clusterId, Role.FOLLOWER, last.term(), OptionalInt.empty(),
                last.catchingUp(), last.commitIndex(), Math.min(appliedIndex.getAsLong(), last.commitIndex()),
                0, last.lastLogIndex(), 0, 0, 0, 0, 0, membership, List.of(),
                Duration.ofMillis(Math.max(0, clock.millis() - startedAt)),
                Optional.ofNullable(failed).map(Throwable::toString));
    }
}
