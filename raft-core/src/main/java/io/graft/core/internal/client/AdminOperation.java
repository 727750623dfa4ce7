package io.graft.core.internal.client;

import io.graft.api.MalformedMessageException;

/**
 * What an {@link AdminRequest} asks a member to do: the leader, for most operations, or the member that receives
 * it, for {@link #REPORT} and {@link #SNAPSHOT} ({@link #toReceiver()}). Each operation has a fixed {@link #code()},
 * the byte that stands for it in a request: a new operation takes a new code, and no code ever changes or is
 * reused.
 */
public enum AdminOperation {
    /** Hand leadership to the member named. */
    TRANSFER_LEADERSHIP(0),
    /** Add the member named, at the address given, as a voter (through a learner that catches up). */
    ADD_MEMBER(1),
    /** Add the member named, at the address given, as a permanent learner. */
    ADD_LEARNER(2),
    /** Remove the member named. */
    REMOVE_MEMBER(3),
    /** Answer the membership in effect on the leader. */
    MEMBERSHIP(4),
    /**
     * Answer the receiving member's own report ({@link io.graft.api.RaftNode#report()}, as a {@link ReportBody}).
     * The request names that member, which refuses it if it has another id.
     */
    REPORT(5),
    /**
     * Have the receiving member take a snapshot now ({@link io.graft.api.RaftNode#takeSnapshot()}), answering its
     * index (an {@link IndexBody}). The request names that member, which refuses it if it has another id.
     */
    SNAPSHOT(6);

    private final int code;

    AdminOperation(int code) {
        this.code = code;
    }

    /** The byte that stands for this operation in a request. */
    public int code() {
        return code;
    }

    /**
     * The operation {@code code} stands for.
     *
     * @throws MalformedMessageException if it stands for none (a newer client's, or a damaged frame)
     */
    public static AdminOperation fromCode(int code) {
        return switch (code) {
            case 0 -> TRANSFER_LEADERSHIP;
            case 1 -> ADD_MEMBER;
            case 2 -> ADD_LEARNER;
            case 3 -> REMOVE_MEMBER;
            case 4 -> MEMBERSHIP;
            case 5 -> REPORT;
            case 6 -> SNAPSHOT;
            default -> throw new MalformedMessageException("unknown admin operation code " + code
                    + " (known: 0 to 6)");
        };
    }

    /** Whether the request carries the member's address. */
    boolean needsAddress() {
        return this == ADD_MEMBER || this == ADD_LEARNER;
    }

    /** Whether the request names a member (for {@link #toReceiver()} operations: the member it is sent to). */
    boolean needsMember() {
        return this != MEMBERSHIP;
    }

    /**
     * Whether the member that receives the request carries it out and answers itself, whatever its role, rather
     * than the leader: such a request is never redirected.
     */
    public boolean toReceiver() {
        return this == REPORT || this == SNAPSHOT;
    }
}
