package io.graft.api;

import java.util.OptionalInt;

/**
 * The member asked to do leader's work is not the leader. The command was not appended, so it is safe to
 * retry it elsewhere: at {@link #leaderId()} when it is known.
 */
public class NotLeaderException extends RaftException {
    private static final long serialVersionUID = 1L;
    private final int memberId;
    private final int leaderId;

    /**
     * @param memberId the member that refused
     * @param leaderId the leader it knows of, or {@code 0} when it knows none
     */
    public NotLeaderException(int memberId, int leaderId) {
        super("member " + memberId + " is not the leader"
                + (leaderId > 0 ? "; the leader is member " + leaderId : "; no leader is known yet"));
        this.memberId = memberId;
        this.leaderId = leaderId;
    }

    /** The member that refused. */
    public int memberId() {
        return memberId;
    }

    /** The leader the refusing member knows of, if any. */
    public OptionalInt leaderId() {
        return leaderId > 0 ? OptionalInt.of(leaderId) : OptionalInt.empty();
    }
}
