package io.graft.api.event;

import java.time.Instant;

/**
 * Something that happened to a member, as its listeners are told of it (see {@link RaftEventListener}).
 *
 * <p>Events of one member arrive in the order they happened, on the member's callback thread, never on its Raft
 * event loop. Each one carries the member it happened to and when.
 */
public sealed interface RaftEvent permits RoleChanged, LeaderChanged, ElectionStarted, MembershipCommitted,
        SnapshotTaken, SnapshotInstalled, MemberStopped {

    /** The member the event happened to. */
    int memberId();

    /** When the member saw it happen. */
    Instant at();
}
