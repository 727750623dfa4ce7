package io.graft.api;

/**
 * A membership change was refused and nothing was appended: another change is still in progress (Graft
 * changes one member at a time), the leader has not yet committed an entry of its term, the member is
 * unknown or already present, or the change would leave no voter. The message says which; it is safe to
 * retry once the reason is gone.
 */
public class MembershipChangeException extends RaftException {
    private static final long serialVersionUID = 1L;

    public MembershipChangeException(String message) {
        super(message);
    }
}
