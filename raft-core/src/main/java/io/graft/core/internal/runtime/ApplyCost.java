package io.graft.core.internal.runtime;

/**
 * How long applying an entry takes on this member, learnt from every batch applied (a moving average), to
 * decide whether the event loop may apply a batch itself: only when the batch should finish within the
 * budget, so that a slow state machine (or slow callbacks on its results) never holds up the loop, which
 * also sends heartbeats. Used by whichever thread holds the apply turn.
 */
final class ApplyCost {
    /** Until the first measurement, assume the worst: batches go to the apply thread. */
    private static final long UNKNOWN = Long.MAX_VALUE / 4;
    /** The weight of history in the average, as a shift: each new batch counts for 1/8. */
    private static final int SMOOTHING = 3;

    private final long budgetNanos;
    private long nanosPerEntry = UNKNOWN;

    /** @param budgetNanos the longest a batch applied on the event loop may be expected to take; 0 for never */
    ApplyCost(long budgetNanos) {
        this.budgetNanos = budgetNanos;
    }

    /** Whether a batch of {@code entries} is expected to take no longer than the budget. */
    boolean fitsBudget(int entries) {
        return budgetNanos > 0 && nanosPerEntry <= budgetNanos / Math.max(1, entries);
    }

    /** Learns from a batch of {@code entries} that took {@code nanos} to apply. */
    void record(int entries, long nanos) {
        long sample = Math.max(0, nanos) / Math.max(1, entries);
        nanosPerEntry = nanosPerEntry == UNKNOWN ? sample : nanosPerEntry + ((sample - nanosPerEntry) >> SMOOTHING);
    }

    /** The current estimate, in nanoseconds per entry. */
    long nanosPerEntry() {
        return nanosPerEntry;
    }
}
