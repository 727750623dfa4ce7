package io.graft.core.internal.protocol;

/**
 * RequestVote (Raft §5.2), or a pre-vote (thesis §9.6) when {@code preVote} is set: then {@code term} is the
 * term the candidate would campaign in, and granting changes nothing on the voter.
 *
 * @param transfer set when the candidate campaigns because the leader handed leadership to it, so voters
 *                 must not ignore it for having heard from a leader recently
 * @param catchingUp set when the candidate started without data and no leader has caught it up yet (see
 *                   {@link io.graft.core.storage.HardState#catchingUp()}): only voters in the same situation
 *                   may vote for it, and it may vote only for them
 */
public record VoteRequest(int from, int to, long term, long lastLogIndex, long lastLogTerm, boolean preVote,
                          boolean transfer, boolean catchingUp) implements Message {

    /** A request from a candidate that is not catching up. */
    public VoteRequest(int from, int to, long term, long lastLogIndex, long lastLogTerm, boolean preVote,
                       boolean transfer) {
        this(from, to, term, lastLogIndex, lastLogTerm, preVote, transfer, false);
    }
}
