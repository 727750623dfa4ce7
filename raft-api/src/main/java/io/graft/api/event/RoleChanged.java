package io.graft.api.event;

import io.graft.api.Role;
import java.time.Instant;

/**
 * The member's role changed: it became a candidate, the leader, or a follower again.
 *
 * @param memberId the member
 * @param at when
 * @param term its term after the change
 * @param from its role before
 * @param to its role now
 */
public record RoleChanged(int memberId, Instant at, long term, Role from, Role to) implements RaftEvent {
}
