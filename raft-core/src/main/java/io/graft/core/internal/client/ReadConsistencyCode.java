package io.graft.core.internal.client;

import io.graft.api.MalformedMessageException;
import io.graft.api.ReadConsistency;

/**
 * The byte that stands for each {@link ReadConsistency} in a read request. Kept here, beside the format, rather
 * than on the public enum: codes never change or get reused, whatever order the enum declares its constants in,
 * and a constant added to the enum does not compile here until it is given a code.
 */
final class ReadConsistencyCode {

    private ReadConsistencyCode() {
    }

    /** The byte that stands for {@code consistency}. */
    static int code(ReadConsistency consistency) {
        return switch (consistency) {
            case LINEARIZABLE -> 0;
            case LEASE -> 1;
        };
    }

    /**
     * The consistency {@code code} stands for.
     *
     * @throws MalformedMessageException if it stands for none (a newer client's, or a damaged frame)
     */
    static ReadConsistency fromCode(int code) {
        return switch (code) {
            case 0 -> ReadConsistency.LINEARIZABLE;
            case 1 -> ReadConsistency.LEASE;
            default -> throw new MalformedMessageException("unknown read consistency code " + code
                    + " (known: 0 and 1)");
        };
    }
}
