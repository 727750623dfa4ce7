package io.graft.api.event;

import java.time.Instant;
import java.util.OptionalInt;

/**
 * The leader this member knows of changed: a new leader was elected (possibly itself), or the old one is gone
 * and no new one is known yet.
 *
 * @param memberId the member that saw the change
 * @param at when
 * @param term the term the leader leads (or the member's term when no leader is known)
 * @param leaderId the leader, empty while none is known
 */
public record LeaderChanged(int memberId, Instant at, long term, OptionalInt leaderId) implements RaftEvent {
}
