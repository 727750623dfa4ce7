package io.graft.bench.load;

/**
 * The submitter's account of a whole run (warm-up included), to compare with what members applied.
 *
 * @param submitted commands submitted
 * @param acknowledged commands whose future completed with a result
 * @param acknowledgedFingerprintSum the sum of {@code Commands.fingerprint} over the acknowledged ones
 * @param failed commands whose future failed (not leader, leadership lost...)
 */
public record AckTotals(long submitted, long acknowledged, long acknowledgedFingerprintSum, long failed) {
}
