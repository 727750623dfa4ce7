package io.graft.core.internal.runtime;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Collects the outcomes one producer (the event loop, or whichever thread holds the apply turn) produces for
 * futures returned to users, and hands them to the {@link Callbacks} executor a batch at a time: one hand-off per
 * {@link #flush()} (or per full batch), not one per future. Futures that are a {@link DirectFuture} are completed
 * at once on the calling thread instead.
 *
 * <p>Not thread-safe: one producer at a time, which flushes before another thread may take over. Batches come
 * back once run and are reused, so a busy member allocates none in its steady state.
 */
final class CompletionBatcher {
    /** Outcomes per batch; a fuller batch is handed over at once. */
    static final int CAPACITY = 256;

    private final Callbacks callbacks;
    /** Batches the executor has run, pushed back by its threads (a stack linked through {@link Handoff#next}). */
    private final AtomicReference<Handoff> returned = new AtomicReference<>();
    /** Batches ready for reuse, owned by the producer. */
    private Handoff free;
    private CompletionBatch current;

    CompletionBatcher(Callbacks callbacks) {
        this.callbacks = callbacks;
    }

    /** Completes {@code future} with {@code value}, through the callback executor unless it is direct. */
    void complete(CompletableFuture<?> future, Object value) {
        add(future, value, false);
    }

    /** Fails {@code future} with {@code cause}, through the callback executor unless it is direct. */
    void fail(CompletableFuture<?> future, Throwable cause) {
        add(future, cause, true);
    }

    private void add(CompletableFuture<?> future, Object outcome, boolean failed) {
        if (future instanceof DirectFuture<?>) {
            Settle.settle(future, outcome, failed);
            return;
        }
        CompletionBatch batch = current;
        if (batch == null) {
            batch = current = take();
        }
        batch.add(future, outcome, failed);
        if (batch.isFull()) {
            flush();
        }
    }

    /** Hands what was collected to the callback executor, if anything. */
    void flush() {
        CompletionBatch batch = current;
        if (batch != null && !batch.isEmpty()) {
            current = null;
            callbacks.handOff(batch);
        }
    }

    private CompletionBatch take() {
        if (free == null) {
            free = returned.getAndSet(null);
        }
        if (free == null) {
            return new CompletionBatch(CAPACITY, this);
        }
        CompletionBatch batch = (CompletionBatch) free;
        free = batch.next;
        batch.next = null;
        return batch;
    }

    /** Takes back a batch the executor has run; any thread. */
    void recycle(CompletionBatch batch) {
        Handoff head;
        do {
            head = returned.get();
            batch.next = head;
        } while (!returned.compareAndSet(head, batch));
    }
}
