package io.graft.core.internal.protocol;

/**
 * The leader hands leadership over (thesis §3.10): the receiver, whose log the leader has just brought up to
 * date, starts an election at once, skipping pre-vote, with {@link VoteRequest#transfer()} set so that voters
 * do not ignore it for having heard from the leader recently.
 */
public record TimeoutNow(int from, int to, long term) implements Message {
}
