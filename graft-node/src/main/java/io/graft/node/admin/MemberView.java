package io.graft.node.admin;

import io.graft.api.event.RaftEventListener;
import io.graft.api.report.MemberReport;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * What the admin endpoints need to know of the member they serve: its report, whether it runs, why it stopped,
 * and its events. {@link RaftNodeView} adapts a running {@link io.graft.api.RaftNode}; tests give their own.
 */
public interface MemberView {

    /** The member's id. */
    int memberId();

    /** The member's report now; may fail (for example once the member is closed). */
    CompletableFuture<MemberReport> report();

    /** Whether the member is running: started, not closed, not stopped by itself. */
    boolean running();

    /** Why the member stopped by itself, if it did. */
    Optional<Throwable> failure();

    /**
     * Tells {@code listener} of the member's events from now on, until the returned handle is closed.
     *
     * @return closes the registration
     */
    AutoCloseable addListener(RaftEventListener listener);
}
