package io.graft.transport.zeromq;

import java.nio.charset.StandardCharsets;

/**
 * The routing identity a DEALER announces: the sending member's id in ASCII decimal ({@code "3"}). Text rather
 * than a binary int because ZeroMQ reserves identities that start with a zero byte, and because it is the same
 * string a ZAP handler returns as the authenticated user id.
 */
final class MemberIdentity {
    /** Returned by {@link #parse} for anything that is not a positive decimal int without leading zeros. */
    static final int INVALID = -1;

    private MemberIdentity() {
    }

    /** The identity bytes of {@code memberId}. */
    static byte[] of(int memberId) {
        return Integer.toString(memberId).getBytes(StandardCharsets.US_ASCII);
    }

    /** The member id in {@code identity}, or {@link #INVALID}. Never throws: the bytes come from the network. */
    static int parse(byte[] identity) {
        if (identity == null || identity.length == 0 || identity.length > 10 || identity[0] == '0') {
            return INVALID;
        }
        long value = 0;
        for (byte b : identity) {
            if (b < '0' || b > '9') {
                return INVALID;
            }
            value = value * 10 + (b - '0');
        }
        return value <= Integer.MAX_VALUE ? (int) value : INVALID;
    }

    /** The member id in a ZAP user id string, or {@link #INVALID}. */
    static int parse(String userId) {
        return userId == null ? INVALID : parse(userId.getBytes(StandardCharsets.US_ASCII));
    }
}
