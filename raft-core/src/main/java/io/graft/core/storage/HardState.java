package io.graft.core.storage;

/**
 * What a member must persist before answering anyone (Raft Figure 2): its term and its vote in that term, and
 * whether it is still catching up after starting without data.
 *
 * <p>A member that finds no data on start cannot tell a new cluster from a cluster it belonged to before its
 * data was lost (a wiped or replaced disk, a restored empty backup). In the second case it may have
 * acknowledged entries that it no longer holds, and a vote from it could elect a candidate that lacks them.
 * Such a member is <em>catching up</em>: it votes only for candidates as empty as itself (which can win only
 * while the whole cluster is new) and campaigns only while its own log is empty, until a leader has brought
 * its log past a committed entry of that leader's term and up to that leader's commit index. From then on it
 * holds every committed entry and votes as any member does. The flag is persisted with the term and vote, so a restart in between does not forget it.
 *
 * @param term the current term
 * @param votedFor the member voted for in {@code term}, or {@code 0} for none
 * @param catchingUp whether this member started without data and has not yet been caught up by a leader
 */
public record HardState(long term, int votedFor, boolean catchingUp) {
    /** A member that has never voted and is known to hold every committed entry (used by tests and tools). */
    public static final HardState INITIAL = new HardState(0, 0, false);
    /** What storage reports for a member without any data: never voted, and catching up. */
    public static final HardState BLANK = new HardState(0, 0, true);

    /** A member's term and vote, holding every committed entry it acknowledged. */
    public HardState(long term, int votedFor) {
        this(term, votedFor, false);
    }
}
