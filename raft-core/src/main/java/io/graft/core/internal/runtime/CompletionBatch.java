package io.graft.core.internal.runtime;

import java.util.concurrent.CompletableFuture;

/**
 * Outcomes produced by one runtime thread, in the order it produced them, completed together by the callback
 * executor. Reused: once run, it goes back to the {@link CompletionBatcher} that filled it, so that a busy member
 * hands results over without allocating.
 */
final class CompletionBatch extends Handoff {
    private final CompletableFuture<?>[] futures;
    private final Object[] outcomes;
    private final boolean[] failed;
    private final CompletionBatcher owner;
    private int size;

    CompletionBatch(int capacity, CompletionBatcher owner) {
        this.futures = new CompletableFuture<?>[capacity];
        this.outcomes = new Object[capacity];
        this.failed = new boolean[capacity];
        this.owner = owner;
    }

    /** Adds an outcome; the caller checks {@link #isFull()} first. */
    void add(CompletableFuture<?> future, Object outcome, boolean failure) {
        futures[size] = future;
        outcomes[size] = outcome;
        failed[size] = failure;
        size++;
    }

    boolean isFull() {
        return size == futures.length;
    }

    boolean isEmpty() {
        return size == 0;
    }

    @Override
    int size() {
        return size;
    }

    /** Completes every future in the order added, forgets them, and returns this batch to its owner. */
    @Override
    public void run() {
        int n = size;
        for (int i = 0; i < n; i++) {
            CompletableFuture<?> future = futures[i];
            Object outcome = outcomes[i];
            futures[i] = null;
            outcomes[i] = null;
            Settle.settle(future, outcome, failed[i]);
        }
        size = 0;
        owner.recycle(this);
    }
}
