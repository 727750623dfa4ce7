package io.graft.core.internal.runtime;

import io.graft.core.snapshot.SnapshotMeta;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/** Work for the apply thread, done in the order queued. */
sealed interface ApplyTask permits ApplyBatch, ApplyTask.Restore, ApplyTask.TakeSnapshot, ApplyTask.Query,
        ApplyTask.Leadership {

    /** Replace the state machine's state with a stored snapshot (received from the leader). */
    record Restore(SnapshotMeta meta) implements ApplyTask {
    }

    /** Take a snapshot now, at the applied index; completes with its index. */
    record TakeSnapshot(CompletableFuture<Long> done) implements ApplyTask {
    }

    /** Run a read-only query once the state machine has applied up to {@code index}. */
    record Query<T>(long index, Supplier<T> read, CompletableFuture<T> future) implements ApplyTask {
    }

    /**
     * Tells the state machine that this member started ({@code start}) or stopped leading {@code term}, in order
     * with the entries it applies.
     */
    record Leadership(long term, boolean start) implements ApplyTask {
    }
}
