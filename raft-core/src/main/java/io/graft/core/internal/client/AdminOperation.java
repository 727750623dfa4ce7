package io.graft.core.internal.client;

/** What an {@link AdminRequest} asks the leader to do. The ordinal is part of the wire format: append only. */
public enum AdminOperation {
    /** Hand leadership to the member named. */
    TRANSFER_LEADERSHIP,
    /** Add the member named, at the address given, as a voter (through a learner that catches up). */
    ADD_MEMBER,
    /** Add the member named, at the address given, as a permanent learner. */
    ADD_LEARNER,
    /** Remove the member named. */
    REMOVE_MEMBER,
    /** Answer the membership in effect on the leader. */
    MEMBERSHIP;

    private static final AdminOperation[] VALUES = values();

    /** The operation with {@code code}, or {@code null}. */
    static AdminOperation ofCode(int code) {
        return code >= 0 && code < VALUES.length ? VALUES[code] : null;
    }

    /** Whether the request carries the member's address. */
    boolean needsAddress() {
        return this == ADD_MEMBER || this == ADD_LEARNER;
    }

    /** Whether the request names a member. */
    boolean needsMember() {
        return this != MEMBERSHIP;
    }
}
