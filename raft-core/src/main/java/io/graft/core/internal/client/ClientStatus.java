package io.graft.core.internal.client;

import io.graft.api.MalformedMessageException;

/**
 * How a member answered a client request. Each status has a fixed {@link #code()}, the byte that stands for it in
 * a response: a new status takes a new code, and no code ever changes or is reused.
 */
public enum ClientStatus {
    /** Done; the body is the encoded result (for an admin request: nothing, or the membership). */
    OK(0),
    /** This member is not the leader; the hint names the leader when known. Nothing was appended. */
    NOT_LEADER(1),
    /**
     * Applied, and the state machine threw (or, for a read, its query threw); the body is the exception's type
     * and message (UTF-8).
     */
    APPLY_FAILED(2),
    /** Applied, but the result could not be encoded; the body says why (UTF-8). */
    RESULT_NOT_ENCODABLE(3),
    /** Too many commands pending; nothing was appended. */
    OVERLOADED(4),
    /** Appended, but leadership was lost before the outcome was known; retrying is safe (sessions). */
    OUTCOME_UNKNOWN(5),
    /** The session expired (idle too long, or unknown); the command was not applied. */
    SESSION_EXPIRED(6),
    /** The request could not be read; the body says why (UTF-8). */
    BAD_REQUEST(7),
    /**
     * A leadership transfer is in the way or failed (an admin request); the hint is the member leadership was
     * being handed to, the body says what happened (UTF-8). Nothing changed.
     */
    LEADERSHIP_TRANSFER(8),
    /** A membership change was refused (an admin request); the body says why (UTF-8). Nothing changed. */
    MEMBERSHIP_REFUSED(9);

    private final int code;

    ClientStatus(int code) {
        this.code = code;
    }

    /** The byte that stands for this status in a response. */
    public int code() {
        return code;
    }

    /**
     * The status {@code code} stands for.
     *
     * @throws MalformedMessageException if it stands for none (a newer member's, or a damaged frame)
     */
    public static ClientStatus fromCode(int code) {
        return switch (code) {
            case 0 -> OK;
            case 1 -> NOT_LEADER;
            case 2 -> APPLY_FAILED;
            case 3 -> RESULT_NOT_ENCODABLE;
            case 4 -> OVERLOADED;
            case 5 -> OUTCOME_UNKNOWN;
            case 6 -> SESSION_EXPIRED;
            case 7 -> BAD_REQUEST;
            case 8 -> LEADERSHIP_TRANSFER;
            case 9 -> MEMBERSHIP_REFUSED;
            default -> throw new MalformedMessageException("unknown client status code " + code + " (known: 0 to 9)");
        };
    }
}
