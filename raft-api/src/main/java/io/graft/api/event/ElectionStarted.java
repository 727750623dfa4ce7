package io.graft.api.event;

import java.time.Instant;

/**
 * The member started campaigning: asking for pre-votes (which raise no term) or for votes in a new term.
 *
 * @param memberId the member
 * @param at when
 * @param term the term it campaigns for (for a pre-vote, the term it would take if it won)
 * @param preVote whether this is a pre-vote round
 */
public record ElectionStarted(int memberId, Instant at, long term, boolean preVote) implements RaftEvent {
}
