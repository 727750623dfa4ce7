package io.graft.core.internal.runtime;

import java.util.concurrent.CompletableFuture;

/** One future's outcome, handed over alone: for rare completions that come one at a time. */
final class SingleCompletion extends Handoff {
    private final CompletableFuture<?> future;
    private final Object outcome;
    private final boolean failed;

    SingleCompletion(CompletableFuture<?> future, Object outcome, boolean failed) {
        this.future = future;
        this.outcome = outcome;
        this.failed = failed;
    }

    @Override
    int size() {
        return 1;
    }

    @Override
    public void run() {
        Settle.settle(future, outcome, failed);
    }
}
