package io.graft.transport.zeromq;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * The routing identity a remote client's DEALERs announce: {@code 'c'} followed by 16 random hex digits. A
 * member's identity is decimal digits only ({@link MemberIdentity}), so the first byte tells the two apart.
 * Random rather than derived from the session: the identity only routes replies, and an unguessable one keeps
 * another connection from taking a client's replies over by claiming its identity (ZeroMQ hands an identity
 * to the newest connection that claims it).
 */
final class ClientIdentity {
    private static final byte PREFIX = 'c';
    private static final SecureRandom RANDOM = new SecureRandom();

    private ClientIdentity() {
    }

    /** A fresh random client identity. */
    static byte[] random() {
        byte[] bits = new byte[8];
        RANDOM.nextBytes(bits);
        return ("c" + HexFormat.of().formatHex(bits)).getBytes(StandardCharsets.US_ASCII);
    }

    /** Whether {@code identity} is a client's (it comes from the network: anything may arrive). */
    static boolean isClient(byte[] identity) {
        return identity != null && identity.length > 1 && identity[0] == PREFIX;
    }
}
