package io.graft.testkit.history;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * What {@link LinearizabilityChecker} concluded about a history.
 *
 * @param verdict the conclusion
 * @param operationsChecked the operations the search considered (failed operations and unknown reads are left
 *                          out: they cannot have had an effect that anyone saw)
 * @param partitions the independent parts (e.g. keys) checked separately
 * @param elapsed how long the check took
 * @param violation where the search got stuck, when the verdict is not {@link Verdict#LINEARIZABLE}
 */
public record CheckResult(Verdict verdict, int operationsChecked, int partitions, Duration elapsed,
                          Optional<Violation> violation) {

    /** The possible conclusions. */
    public enum Verdict {
        /** Some order of the operations, consistent with real time, is a legal sequential run of the model. */
        LINEARIZABLE,
        /** No such order exists: the object misbehaved. */
        NOT_LINEARIZABLE,
        /** The time limit passed before the search finished: nothing is proven either way. */
        TIMED_OUT
    }

    /**
     * The deepest point the search reached in the partition that failed: the operations it could order, and the
     * operation that had to be ordered next but could not be (with the operations open beside it).
     *
     * @param partition the part of the object (e.g. the key) where the search failed
     * @param linearized how many of that partition's operations were ordered at the deepest point
     * @param partitionSize how many operations that partition has
     * @param state the model's state after those operations
     * @param lastLinearized the last few operations of that order, oldest first
     * @param blocking the operation that completed before any legal order could include it
     * @param candidates the operations open at that point, any of which could have come next
     */
    public record Violation(Object partition, int linearized, int partitionSize, Object state,
                            List<Operation<?, ?>> lastLinearized, Optional<Operation<?, ?>> blocking,
                            List<Operation<?, ?>> candidates) {
    }

    /** Whether the history is linearizable. */
    public boolean isLinearizable() {
        return verdict == Verdict.LINEARIZABLE;
    }

    /** A report for people: the verdict, and for a failure, the operations around the first violation. */
    public String report(long originNanos) {
        StringBuilder s = new StringBuilder();
        s.append(verdict).append(": ").append(operationsChecked).append(" operations in ").append(partitions)
                .append(" partition(s) checked in ").append(elapsed.toMillis()).append(" ms");
        violation.ifPresent(v -> {
            s.append("\n  partition ").append(v.partition()).append(": ").append(verdict == Verdict.TIMED_OUT
                    ? "the search ran out of time after ordering " : "no legal order; the longest ordered prefix has ")
                    .append(v.linearized()).append(" of ").append(v.partitionSize()).append(" operations, leaving"
                            + " state ").append(v.state());
            if (!v.lastLinearized().isEmpty()) {
                s.append("\n  last operations of that order:");
                v.lastLinearized().forEach(op -> s.append("\n    ").append(op.describe(originNanos)));
            }
            v.blocking().ifPresent(op -> s.append("\n  first operation that cannot be placed (it completed before"
                    + " any legal order could include it):\n    ").append(op.describe(originNanos)));
            if (!v.candidates().isEmpty()) {
                s.append("\n  operations still open when it completed (each was tried next; every choice led to a dead end):");
                v.candidates().forEach(op -> s.append("\n    ").append(op.describe(originNanos)));
            }
        });
        return s.toString();
    }
}
