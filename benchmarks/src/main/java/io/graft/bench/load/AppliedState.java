package io.graft.bench.load;

/**
 * What one member's {@link CountingStateMachine} has applied.
 *
 * @param count commands applied
 * @param lastSequence the sequence number of the last command applied ({@code 0} before any)
 * @param fingerprintSum the sum of {@link Commands#fingerprint} over every command applied
 * @param outOfOrder commands whose sequence number was not above the previous one's: a duplicate or a
 *                   reordering, which a correct cluster fed by one submitter never produces
 * @param lastIndex the log index of the last command applied
 */
public record AppliedState(long count, long lastSequence, long fingerprintSum, long outOfOrder, long lastIndex) {

    /** A member that applied nothing. */
    public static final AppliedState EMPTY = new AppliedState(0, 0, 0, 0, 0);

    /** Whether two members applied the same commands (same count, same set, same last one). */
    public boolean sameCommandsAs(AppliedState other) {
        return count == other.count && fingerprintSum == other.fingerprintSum && lastSequence == other.lastSequence;
    }
}
