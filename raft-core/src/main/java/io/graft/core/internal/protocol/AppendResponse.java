package io.graft.core.internal.protocol;

/**
 * The answer to an {@link AppendRequest}.
 *
 * <p>On success, {@code index} is the last index the follower's log is known to match the leader's (its
 * match index). On failure, {@code index} is the rejected request's {@code prevLogIndex} (so the leader can
 * tell stale rejections), and the hints let the leader skip a whole conflicting term at once: {@code hintTerm}
 * is the term of the follower's entry at {@code prevLogIndex} (0 if its log is shorter) and {@code hintIndex}
 * the first index the follower holds with that term (or its last index + 1 if its log is shorter).
 * {@code readContext} echoes the request's. {@code catchingUp} says the follower started without data and no
 * leader has caught it up yet (see {@link io.graft.core.storage.HardState#catchingUp()}): a leader that is not
 * catching up itself then counts its answers toward no majority (commit, reads, check-quorum), since a member
 * that forgot its term could be answering a leader that others have replaced.
 */
public record AppendResponse(int from, int to, long term, boolean success, long index, long hintIndex,
                             long hintTerm, long readContext, boolean catchingUp) implements Message {

    /** An answer from a follower that is not catching up. */
    public AppendResponse(int from, int to, long term, boolean success, long index, long hintIndex, long hintTerm,
                          long readContext) {
        this(from, to, term, success, index, hintIndex, hintTerm, readContext, false);
    }

    /** An answer outside any read round. */
    public AppendResponse(int from, int to, long term, boolean success, long index, long hintIndex, long hintTerm) {
        this(from, to, term, success, index, hintIndex, hintTerm, 0);
    }
}
