package io.graft.core.internal.runtime;

import io.graft.api.NodeStatus;
import io.graft.api.Role;
import io.graft.api.event.ElectionStarted;
import io.graft.api.event.LeaderChanged;
import io.graft.api.event.MembershipCommitted;
import io.graft.api.event.RoleChanged;
import io.graft.core.internal.raft.RaftCore;
import java.time.Instant;
import java.util.OptionalInt;

/**
 * Turns the event loop's successive statuses into events: role changes, elections, leader changes, and
 * membership changes as they commit. Runs on the event loop, after each status it publishes; compares with the
 * previous one, so a change the loop saw in one step (a lone member that campaigns and wins at once) still
 * yields each event it implies, in order.
 */
final class StatusEvents {
    private final int memberId;
    private final NodeEvents events;
    private Role role;
    private long term;
    private int leader;
    private long commitIndex;
    private long committedMembershipIndex;

    StatusEvents(int memberId, NodeEvents events, RaftCore core) {
        this.memberId = memberId;
        this.events = events;
        this.role = core.role();
        this.term = core.term();
        this.leader = core.leaderId();
        this.commitIndex = core.commitIndex();
        this.committedMembershipIndex = core.committedMembershipIndex();
    }

    /** Publishes what changed since the last call. */
    void update(NodeStatus s, RaftCore core) {
        boolean wanted = events.wanted();
        Instant at = null; // Read the clock only for an event: statuses change with every commit.
        if (wanted && (s.role() != role || s.term() != term || s.leaderId() != leader)) {
            at = Instant.now();
        }
        if (s.role() != role || s.term() != term) {
            if (wanted) {
                if (s.role() == Role.PRE_CANDIDATE && role != Role.PRE_CANDIDATE) {
                    events.publish(new ElectionStarted(memberId, at, s.term() + 1, true));
                } else if (campaigned(s)) {
                    events.publish(new ElectionStarted(memberId, at, s.term(), false));
                }
                if (s.role() != role) {
                    events.publish(new RoleChanged(memberId, at, s.term(), role, s.role()));
                }
            }
        }
        if (wanted && (s.leaderId() != leader || (s.leaderId() != 0 && s.term() != term))) {
            events.publish(new LeaderChanged(memberId, at, s.term(),
                    s.leaderId() > 0 ? OptionalInt.of(s.leaderId()) : OptionalInt.empty()));
        }
        role = s.role();
        term = s.term();
        leader = s.leaderId();
        if (s.commitIndex() != commitIndex) {
            commitIndex = s.commitIndex();
            long index = core.committedMembershipIndex();
            if (index > committedMembershipIndex) {
                committedMembershipIndex = index;
                if (wanted) {
                    events.publish(new MembershipCommitted(memberId, at != null ? at : Instant.now(),
                            core.committedMembership().toApi(index)));
                }
            }
        }
    }

    /**
     * Whether the member started an election in a new term: it became a candidate, or campaigned again as one,
     * or became leader straight from not campaigning (a lone voter wins in the step it starts).
     */
    private boolean campaigned(NodeStatus s) {
        return switch (s.role()) {
            case CANDIDATE -> role != Role.CANDIDATE || s.term() > term;
            case LEADER -> role != Role.CANDIDATE && role != Role.LEADER && s.term() > term;
            default -> false;
        };
    }
}
