package io.graft.core.protocol;

/**
 * RequestVote (Raft §5.2), or a pre-vote (thesis §9.6) when {@code preVote} is set: then {@code term} is the
 * term the candidate would campaign in, and granting changes nothing on the voter.
 *
 * @param transfer set when the candidate campaigns because the leader handed leadership to it, so voters
 *                 must not ignore it for having heard from a leader recently
 */
public record VoteRequest(int from, int to, long term, long lastLogIndex, long lastLogTerm, boolean preVote,
                          boolean transfer) implements Message {
}
