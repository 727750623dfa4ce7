package io.graft.core.internal.runtime;

import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Completes one future on the calling thread (the callback executor), never letting a failure escape. */
final class Settle {
    private static final Logger LOG = LoggerFactory.getLogger(Settle.class);

    private Settle() {
    }

    @SuppressWarnings("unchecked")
    static void settle(CompletableFuture<?> future, Object outcome, boolean failed) {
        try {
            if (failed) {
                future.completeExceptionally((Throwable) outcome);
            } else {
                ((CompletableFuture<Object>) future).complete(outcome);
            }
        } catch (RuntimeException | StackOverflowError e) {
            // CompletableFuture catches what dependents throw; this is a defect elsewhere, not a reason to lose the
            // completions queued after this one.
            LOG.warn("completing a future failed", e);
        }
    }
}
