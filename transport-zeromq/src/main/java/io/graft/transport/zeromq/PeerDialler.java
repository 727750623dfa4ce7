package io.graft.transport.zeromq;

import io.graft.api.config.Member;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;
import org.zeromq.ZMQException;

/**
 * The DEALER that dials one peer, watched end to end. ZeroMQ reconnects a connection that closes, but not one
 * that goes silent without closing: after a network change (an interface moved, a route gone, a middlebox that
 * forgot the flow) TCP can keep retransmitting into nowhere for many minutes, and JeroMQ 0.6.0's ZMTP heartbeat
 * did not end such a connection in our container tests. So every {@code heartbeatMillis} this sends a probe, an
 * empty frame, over this very connection; the peer's receiving thread answers it on the same connection
 * ({@link ReceiveLoop}); and when no answer has come for {@code heartbeatTimeoutMillis}, the DEALER is closed and
 * a new one dials afresh.
 *
 * <p>The sending thread maintains it and empties the peer's queue into it; any other thread may hand a frame
 * straight to ZeroMQ when the socket is free and nothing waits in the queue ({@link #trySendDirect}), which saves
 * the wake-up of the sending thread on every message. A lock makes that safe: a ZeroMQ socket may move between
 * threads as long as only one uses it at a time, with a memory barrier between them.
 */
final class PeerDialler {
    private static final Logger log = LoggerFactory.getLogger(PeerDialler.class);
    /** A probe and its answer: an empty frame, which no protocol message is. */
    static final byte[] PROBE = new byte[0];

    private final ZContext context;
    private final int self;
    private final Member peer;
    private final ZeroMqSettings settings;
    private final TransportCounters counters;
    private final long probeNanos;
    private final long silenceNanos;
    private final ReentrantLock lock = new ReentrantLock();
    private ZMQ.Socket dealer;
    private long lastAnswer;
    private long lastProbe;
    private boolean answeredSinceDial;
    private boolean dialFailed;
    private boolean failureReported;
    private boolean closed;

    /** What became of a frame offered by {@link #trySendDirect}. */
    enum Handoff {
        /** ZeroMQ took it. */
        SENT,
        /** ZeroMQ would not take it: the peer is not connected, or its pipe is full. */
        REFUSED,
        /** The socket is in use or frames wait in the queue: queue this one behind them. */
        QUEUE,
        /** The transport is closing. */
        CLOSED
    }

    /** Dials {@code peer} now; {@code now} is {@link System#nanoTime()}. */
    PeerDialler(ZContext context, int self, Member peer, ZeroMqSettings settings, TransportCounters counters,
                long now) {
        this.context = context;
        this.self = self;
        this.peer = peer;
        this.settings = settings;
        this.counters = counters;
        this.probeNanos = TimeUnit.MILLISECONDS.toNanos(settings.heartbeatMillis());
        this.silenceNanos = TimeUnit.MILLISECONDS.toNanos(settings.heartbeatTimeoutMillis());
        dial(now);
    }

    private void dial(long now) {
        ZMQ.Socket socket = context.createSocket(SocketType.DEALER);
        Sockets.configure(socket, settings, Sockets.frameAllocator(settings, counters));
        socket.setIdentity(MemberIdentity.of(self));
        // Queue nothing for a peer that is not connected (drop; Raft retransmits). JeroMQ's flag is the inverse
        // of libzmq's ZMQ_IMMEDIATE: false here means "attach the pipe only once the connection completes".
        socket.setImmediate(false);
        socket.setSndHWM(settings.sendHighWaterMark());
        socket.setRcvHWM(16); // only probe answers come back
        Optional<CurveSettings> keys = settings.curve();
        if (keys.isPresent()) {
            socket.setCurveServerKey(keys.get().publicKeys().get(peer.id()));
            socket.setCurvePublicKey(keys.get().publicKey(self));
            socket.setCurveSecretKey(keys.get().secretKey());
        }
        dealer = socket;
        dialFailed = false;
        try {
            socket.connect(Sockets.tcpEndpoint(peer.host(), peer.port()));
        } catch (ZMQException e) {
            dialFailed = true;
            // E.g. the host name does not resolve (yet, or any more): the socket stays unconnected, the silence
            // that follows brings another dial, which resolves the name again. Said once per outage.
            boolean firstFailure = !failureReported;
            failureReported = true;
            (firstFailure ? log.atWarn() : log.atDebug()).log("zeromq transport of member {}: cannot dial member {}"
                            + " at {}:{} ({}); trying again every {} ms", self, peer.id(), peer.host(), peer.port(),
                    e.getMessage(), settings.heartbeatTimeoutMillis());
        }
        lastAnswer = now;
        lastProbe = now;
        answeredSinceDial = false;
    }

    /**
     * Any thread: hands {@code frame} to ZeroMQ at once, without waiting, if no other thread is using the socket
     * and {@code queue} is empty (so frames keep their order); otherwise says to queue it.
     */
    Handoff trySendDirect(byte[] frame, PeerLink queue) {
        if (!lock.tryLock()) {
            return Handoff.QUEUE;
        }
        try {
            if (closed) {
                return Handoff.CLOSED;
            }
            if (queue.queued() > 0) {
                return Handoff.QUEUE;
            }
            return dealer.send(frame, ZMQ.DONTWAIT) ? Handoff.SENT : Handoff.REFUSED;
        } finally {
            lock.unlock();
        }
    }

    /** Sending thread: hands every queued frame to ZeroMQ without waiting, dropping (and counting) what it refuses. */
    void drain(PeerLink queue) {
        lock.lock();
        try {
            byte[] frame;
            while (!closed && (frame = queue.poll()) != null) {
                if (dealer.send(frame, ZMQ.DONTWAIT)) {
                    counters.sent(frame.length);
                } else {
                    counters.dropped(DropReason.UNREACHABLE);
                }
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Reads probe answers, sends a probe when one is due, and re-dials when the connection has been silent for
     * too long. Cheap when nothing is due; call it on every turn of the sending loop.
     */
    void maintain(long now) {
        lock.lock();
        try {
            if (!closed) {
                maintainLocked(now);
            }
        } finally {
            lock.unlock();
        }
    }

    private void maintainLocked(long now) {
        if (probeNanos == 0) {
            // heartbeatMillis: 0 turns watching off, as it does ZeroMQ's own heartbeat; a failed dial still retries.
            if (dialFailed && now - lastProbe > silenceNanos) {
                redial(now);
            }
            return;
        }
        while (dealer.recv(ZMQ.DONTWAIT) != null) {
            lastAnswer = now;
            answeredSinceDial = true;
            failureReported = false;
        }
        if (now - lastAnswer > silenceNanos) {
            redial(now);
            return;
        }
        if (now - lastProbe >= probeNanos) {
            lastProbe = now;
            dealer.send(PROBE, ZMQ.DONTWAIT); // not taken: nothing is connected, and the silence shows it
        }
    }

    /** How long, in nanoseconds from {@code now}, until {@link #maintain} has something to do. */
    long nanosUntilDue(long now) {
        return probeNanos == 0 ? Long.MAX_VALUE : Math.max(0, lastProbe + probeNanos - now);
    }

    private void redial(long now) {
        counters.redialled();
        if (answeredSinceDial) {
            log.info("zeromq transport of member {}: no answer from member {} ({}:{}) for {} ms on a connection"
                            + " that answered before; closing it and dialling again", self, peer.id(), peer.host(),
                    peer.port(), TimeUnit.NANOSECONDS.toMillis(now - lastAnswer));
        } else {
            log.debug("zeromq transport of member {}: member {} still not answering; dialling again", self,
                    peer.id());
        }
        context.destroySocket(dealer);
        dial(now);
    }

    /** Closes the DEALER; its unsent messages are dropped (linger permitting). */
    void close() {
        lock.lock();
        try {
            closed = true;
            context.destroySocket(dealer);
        } finally {
            lock.unlock();
        }
    }
}
