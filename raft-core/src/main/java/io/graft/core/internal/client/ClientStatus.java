package io.graft.core.internal.client;

/** How a member answered a client request. The ordinal is part of the wire format: append only. */
public enum ClientStatus {
    /** Done; the body is the encoded result (for an admin request: nothing, or the membership). */
    OK,
    /** This member is not the leader; the hint names the leader when known. Nothing was appended. */
    NOT_LEADER,
    /**
     * Applied, and the state machine threw (or, for a read, its query threw); the body is the exception's type
     * and message (UTF-8).
     */
    APPLY_FAILED,
    /** Applied, but the result could not be encoded; the body says why (UTF-8). */
    RESULT_NOT_ENCODABLE,
    /** Too many commands pending; nothing was appended. */
    OVERLOADED,
    /** Appended, but leadership was lost before the outcome was known; retrying is safe (sessions). */
    OUTCOME_UNKNOWN,
    /** The session expired (idle too long, or unknown); the command was not applied. */
    SESSION_EXPIRED,
    /** The request could not be read; the body says why (UTF-8). */
    BAD_REQUEST,
    /**
     * A leadership transfer is in the way or failed (an admin request); the hint is the member leadership was
     * being handed to, the body says what happened (UTF-8). Nothing changed.
     */
    LEADERSHIP_TRANSFER,
    /** A membership change was refused (an admin request); the body says why (UTF-8). Nothing changed. */
    MEMBERSHIP_REFUSED;

    private static final ClientStatus[] VALUES = values();

    /** The status with {@code code}, or {@code null}. */
    static ClientStatus ofCode(int code) {
        return code >= 0 && code < VALUES.length ? VALUES[code] : null;
    }
}
