package io.graft.core.storage;

/**
 * What a member must persist before answering anyone (Raft Figure 2): its term and its vote in that term.
 *
 * @param term the current term
 * @param votedFor the member voted for in {@code term}, or {@code 0} for none
 */
public record HardState(long term, int votedFor) {
    /** A member that has never voted. */
    public static final HardState INITIAL = new HardState(0, 0);
}
