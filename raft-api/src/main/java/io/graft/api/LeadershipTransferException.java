package io.graft.api;

/**
 * A leadership transfer is in the way or did not work out. Thrown in two situations:
 * <ul>
 *   <li>a command or membership change was refused because this leader is handing leadership over: nothing
 *       was appended, so retry at the new leader (usually {@link #targetId()}) in a moment;</li>
 *   <li>{@link RaftNode#transferLeadership} gave up: the target did not catch up or did not win an election
 *       within about an election timeout (unreachable, too slow, or not a voter). This member keeps leading
 *       if it still can; it is safe to try again.</li>
 * </ul>
 */
public class LeadershipTransferException extends RaftException {
    private static final long serialVersionUID = 1L;
    private final int targetId;

    /**
     * @param targetId the member leadership was being handed to
     * @param message what happened and what to do about it
     */
    public LeadershipTransferException(int targetId, String message) {
        super(message);
        this.targetId = targetId;
    }

    /** The member leadership was being handed to. */
    public int targetId() {
        return targetId;
    }
}
