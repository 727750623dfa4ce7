package io.graft.core.internal.runtime;

import io.graft.api.RaftException;
import io.graft.core.internal.raft.RaftCore;
import java.util.concurrent.CompletableFuture;

/**
 * A request whose outcome shows in the core's state later (a leadership transfer, a membership change): the
 * event loop looks at the core after each round until the watch settles its future.
 */
abstract class CoreWatch {
    final CompletableFuture<Void> future;

    CoreWatch(CompletableFuture<Void> future) {
        this.future = future;
    }

    /**
     * Looks at the core (on the event loop) and completes or fails the future if the outcome is known.
     *
     * @return whether the watch is settled
     */
    abstract boolean settle(RaftCore core, long now);

    /** Fails the watch (the node is closing). */
    void fail(RaftException cause) {
        future.completeExceptionally(cause);
    }
}
