package io.graft.transport.zeromq;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Wakes the receiving thread out of its blocking receive when replies to clients wait: the sending thread
 * sends one empty frame to the ROUTER over an in-process connection, from a DEALER whose identity is random
 * and never leaves the process, so no remote peer can claim it. This keeps every socket with a single owning
 * thread, and the receiving thread in JeroMQ's plain blocking receive (see {@link ReceiveLoop} for why it does
 * not poll).
 */
final class RouterWakeup {
    private final byte[] identity;
    private final AtomicBoolean due = new AtomicBoolean();
    private volatile Runnable signal = () -> { };

    RouterWakeup() {
        byte[] bits = new byte[16];
        new SecureRandom().nextBytes(bits);
        // 'w' keeps it apart from member (digits) and client ('c') identities even before comparing bits.
        identity = ("w" + HexFormat.of().formatHex(bits)).getBytes(StandardCharsets.US_ASCII);
    }

    /** Sets how a request reaches the sending thread (its wake-up), before any request. */
    void signalVia(Runnable sendLoopSignal) {
        this.signal = sendLoopSignal;
    }

    /** Asks for a wake-up frame. Any thread; never blocks. */
    void request() {
        due.set(true);
        signal.run();
    }

    /** Whether a wake-up frame is due; clears the request. Sending thread only. */
    boolean takeRequest() {
        return due.getAndSet(false);
    }

    /** The wake-up DEALER's identity. */
    byte[] identity() {
        return identity.clone();
    }

    /** Whether a frame came from the wake-up DEALER. */
    boolean isWakeup(byte[] frameIdentity) {
        return Arrays.equals(identity, frameIdentity);
    }
}
