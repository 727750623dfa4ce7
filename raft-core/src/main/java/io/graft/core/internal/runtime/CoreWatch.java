package io.graft.core.internal.runtime;

import io.graft.api.RaftException;
import io.graft.core.internal.raft.RaftCore;
import java.util.concurrent.CompletableFuture;

/**
 * A request whose outcome shows in the core's state later (a leadership transfer, a membership change, the first
 * leader known): the event loop looks at the core after each round until the watch settles its future.
 *
 * @param <T> what the future completes with
 */
abstract class CoreWatch<T> {
    final CompletableFuture<T> future;

    CoreWatch(CompletableFuture<T> future) {
        this.future = future;
    }

    /**
     * Looks at the core (on the event loop) and, if the outcome is known, completes or fails the future through
     * {@code out}.
     *
     * @return whether the watch is settled
     */
    abstract boolean settle(RaftCore core, long now, CompletionBatcher out);

    /** Fails the watch (the node is closing). */
    void fail(RaftException cause, CompletionBatcher out) {
        out.fail(future, cause);
    }
}
