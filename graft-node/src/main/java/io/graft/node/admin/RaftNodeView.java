package io.graft.node.admin;

import io.graft.api.RaftNode;
import io.graft.api.event.RaftEventListener;
import io.graft.api.report.MemberReport;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/** A {@link MemberView} of a running {@link RaftNode}: its report, failure and events, as the node gives them. */
public final class RaftNodeView implements MemberView {
    private final RaftNode<?, ?> node;

    /** @param node the member, already started */
    public RaftNodeView(RaftNode<?, ?> node) {
        this.node = node;
    }

    @Override
    public int memberId() {
        return node.id();
    }

    @Override
    public CompletableFuture<MemberReport> report() {
        return node.report();
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
        return node.addListener(listener);
    }
}
