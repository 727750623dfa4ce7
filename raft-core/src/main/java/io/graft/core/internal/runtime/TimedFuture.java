package io.graft.core.internal.runtime;

import io.graft.api.RaftException;
import io.graft.api.metrics.MetricsRecorder;
import java.util.concurrent.CompletableFuture;

/**
 * The future of a command submitted while metrics are recorded: completing it hands the time since submission to
 * the recorder. Cheaper than a dependent stage ({@code whenComplete}), which would allocate one more object per
 * command and run one more callback.
 */
final class TimedFuture<T> extends CompletableFuture<T> {
    private final MetricsRecorder metrics;
    /** When the command was handed to the event loop; -1 while refused before that (nothing to time). */
    private long submittedNanos = -1;

    TimedFuture(MetricsRecorder metrics) {
        this.metrics = metrics;
    }

    /** Starts the clock: the command passed the checks and goes to the event loop (which publishes it safely). */
    void started() {
        submittedNanos = System.nanoTime();
    }

    @Override
    public boolean complete(T value) {
        boolean done = super.complete(value);
        if (done && submittedNanos >= 0) {
            metrics.commandCompleted(System.nanoTime() - submittedNanos, true);
        }
        return done;
    }

    @Override
    public boolean completeExceptionally(Throwable cause) {
        boolean done = super.completeExceptionally(cause);
        if (done && submittedNanos >= 0) {
            // The state machine's own exception is a result: the command was applied. Graft's are refusals.
            metrics.commandCompleted(System.nanoTime() - submittedNanos, !(cause instanceof RaftException));
        }
        return done;
    }

    @Override
    public <U> CompletableFuture<U> newIncompleteFuture() {
        return new CompletableFuture<>(); // Dependent stages are ordinary futures: only this one is timed.
    }
}
