package io.graft.node.admin;

import io.graft.api.Membership;
import io.graft.api.NodeStatus;
import io.graft.api.RaftNode;
import io.graft.api.event.RaftEventListener;
import io.graft.api.report.MemberReport;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.LongSupplier;

/**
 * A {@link MemberView} of a running {@link RaftNode}.
 *
 * <p>The report is built from {@link RaftNode#status()} and {@link RaftNode#membership()}: role, term, leader,
 * commit, applied and last log index, membership, uptime and failure; the figures those do not give (log and
 * snapshot sizes, pending work, followers) are reported as zero or empty. No events are delivered.
 */
public final class RaftNodeView implements MemberView {
    private final RaftNode<?, ?> node;
    private final String clusterId;
    private final LongSupplier nanoTime;
    private final long startedNanos;

    /**
     * @param node the member, already started
     * @param clusterId the cluster it belongs to, for its report
     */
    public RaftNodeView(RaftNode<?, ?> node, String clusterId) {
        this(node, clusterId, System::nanoTime);
    }

    RaftNodeView(RaftNode<?, ?> node, String clusterId, LongSupplier nanoTime) {
        this.node = node;
        this.clusterId = clusterId;
        this.nanoTime = nanoTime;
        this.startedNanos = nanoTime.getAsLong();
    }

    @Override
    public int memberId() {
        return node.id();
    }

    @Override
    public CompletableFuture<MemberReport> report() {
        try {
            NodeStatus status = node.status();
            Membership membership = node.membership();
            Duration uptime = Duration.ofNanos(nanoTime.getAsLong() - startedNanos);
            return CompletableFuture.completedFuture(new MemberReport(status.memberId(), clusterId, status.role(),
                    status.term(), status.leader(), status.catchingUp(), status.commitIndex(), status.appliedIndex(),
                    0, status.lastLogIndex(), 0, 0, 0, 0, 0, membership, List.of(), uptime,
                    node.failure().map(Throwable::toString)));
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    @Override
    public boolean running() {
        return !node.whenStopped().toCompletableFuture().isDone();
    }

    @Override
    public Optional<Throwable> failure() {
        return node.failure();
    }

    @Override
    public AutoCloseable addListener(RaftEventListener listener) {
        return () -> {
        };
    }
}
