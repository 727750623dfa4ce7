package io.graft.api.event;

import io.graft.api.Membership;
import java.time.Instant;

/**
 * A membership change was committed: a member was added, promoted, moved or removed.
 *
 * @param memberId the member that saw the commit
 * @param at when
 * @param membership the membership now in effect (its {@link Membership#index()} is the change's log index)
 */
public record MembershipCommitted(int memberId, Instant at, Membership membership) implements RaftEvent {
}
