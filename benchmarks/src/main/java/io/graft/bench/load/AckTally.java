package io.graft.bench.load;

import java.util.concurrent.atomic.LongAdder;

/**
 * The submitter's own account of outcomes, to compare with what members applied: every acknowledged
 * command must have been applied exactly once on every member.
 */
final class AckTally {
    private final LongAdder submitted = new LongAdder();
    private final LongAdder acknowledged = new LongAdder();
    private final LongAdder acknowledgedFingerprints = new LongAdder();
    private final LongAdder failed = new LongAdder();

    void submitted() {
        submitted.increment();
    }

    void acknowledged(long sequence) {
        acknowledgedFingerprints.add(Commands.fingerprint(sequence));
        acknowledged.increment();
    }

    void failed() {
        failed.increment();
    }

    long acknowledged() {
        return acknowledged.sum();
    }

    /** A consistent view; call once nothing is in flight. */
    Totals totals() {
        return new Totals(submitted.sum(), acknowledged.sum(), acknowledgedFingerprints.sum(), failed.sum());
    }

    /**
     * @param submitted commands submitted
     * @param acknowledged commands whose future completed with a result
     * @param acknowledgedFingerprintSum the sum of {@link Commands#fingerprint} over the acknowledged ones
     * @param failed commands whose future failed (not leader, leadership lost...)
     */
    record Totals(long submitted, long acknowledged, long acknowledgedFingerprintSum, long failed) {
    }
}
