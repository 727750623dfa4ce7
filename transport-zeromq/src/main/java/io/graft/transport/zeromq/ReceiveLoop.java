package io.graft.transport.zeromq;

import io.graft.api.config.Member;
import io.graft.api.transport.Inbox;
import java.net.InetSocketAddress;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;
import org.zeromq.ZMQException;
import zmq.Msg;
import zmq.ZError;
import zmq.io.Metadata;

/**
 * The receiving thread's work. It owns the bound ROUTER and waits in JeroMQ's own blocking receive, which
 * sleeps until a message comes (selecting on a socket's signal channel instead can spin: JeroMQ 0.6.0 leaves
 * stray wake-up bytes in it). Each frame goes to the inbox with the member id the connection claims (with
 * CURVE, the one its key authenticated); anything else is dropped, counted and logged at most once a second
 * per kind.
 *
 * <p>Remote clients connect to the same ROUTER with identities that start with {@code 'c'}
 * ({@link ClientIdentity}); their frames go to {@link Inbox#deliverClientRequest} with a channel whose replies
 * queue up in {@link ClientReplies}. This thread sends them, as the ROUTER's only user: after every frame and
 * every timeout, and when a {@link RouterWakeup} frame ends its wait because replies came from another thread.
 */
final class ReceiveLoop implements Runnable {
    private static final Logger log = LoggerFactory.getLogger(ReceiveLoop.class);
    private static final String ZAP_DOMAIN = "graft";
    private static final long PORT_RELEASE_WAIT_NANOS = TimeUnit.MILLISECONDS.toNanos(500);

    private final int self;
    private volatile Set<Integer> peers;
    private final boolean curve;
    private final Inbox inbox;
    private final ClientReplies replies;
    private final RouterWakeup wakeup;
    private final TransportCounters counters;
    private final RateLimitedWarnings<Object> warnings = new RateLimitedWarnings<>(log);
    private final ZContext context;
    private final InetSocketAddress bindAddress;
    private final ZMQ.Socket router;
    private final FrameAllocator frames;
    private final String boundEndpoint;
    private final AtomicLong wakeups = new AtomicLong();
    private volatile boolean running = true;

    /**
     * Creates the ROUTER, starts its monitor and binds it, on the calling thread; {@link #run} takes it over.
     * With CURVE the ZAP handler must already be bound, or ZeroMQ admits every key.
     *
     * @throws IllegalStateException if the endpoint cannot be bound
     */
    ReceiveLoop(ContextLease lease, Member selfMember, String bindHost, ZeroMqSettings settings, Set<Integer> peers,
                Inbox inbox, ClientReplies replies, RouterWakeup wakeup, TransportCounters counters) {
        this.self = selfMember.id();
        this.peers = Set.copyOf(peers);
        this.inbox = inbox;
        this.replies = replies;
        this.wakeup = wakeup;
        this.counters = counters;
        this.context = lease.context();
        Optional<CurveSettings> keys = settings.curve();
        this.curve = keys.isPresent();
        this.boundEndpoint = Sockets.tcpEndpoint(bindHost, selfMember.port());
        this.bindAddress = "*".equals(bindHost) ? new InetSocketAddress(selfMember.port())
                : new InetSocketAddress(bindHost, selfMember.port());
        router = context.createSocket(SocketType.ROUTER);
        frames = Sockets.frameAllocator(settings, counters);
        Sockets.configure(router, settings, frames);
        router.setRouterHandover(true); // a restarted peer takes over its identity from a dead connection
        router.setRouterMandatory(true); // a reply to a client that is gone fails (and is counted) instead of vanishing
        router.setRcvHWM(settings.receiveHighWaterMark());
        router.setReceiveTimeOut(Sockets.STOP_CHECK_MILLIS);
        if (keys.isPresent()) {
            router.setCurveServer(true);
            router.setCurvePublicKey(keys.get().publicKey(self));
            router.setCurveSecretKey(keys.get().secretKey());
            router.setZAPDomain(ZAP_DOMAIN);
        }
        // The sending thread counts lost connections and closes those beyond maxConnections (ConnectionCap).
        router.monitor(lease.monitorEndpoint(), ZMQ.EVENT_DISCONNECTED | ZMQ.EVENT_ACCEPTED);
        router.bind(lease.wakeupEndpoint());
        Sockets.bind(router, boundEndpoint);
    }

    /** From now on accepts frames from {@code members} (and no others): the membership changed. Any thread. */
    void acceptFrom(Set<Integer> members) {
        peers = Set.copyOf(members);
    }

    /** The endpoint the ROUTER is bound to. */
    String boundEndpoint() {
        return boundEndpoint;
    }

    /** How many wake-up frames ended a wait (for tests). */
    long wakeups() {
        return wakeups.get();
    }

    /** Ends the loop within {@link Sockets#STOP_CHECK_MILLIS}. Any thread. */
    void stop() {
        running = false;
    }

    @Override
    public void run() {
        replies.drainedBy(Thread.currentThread());
        try {
            while (running) {
                try {
                    receiveOne();
                    replies.drainTo(this::sendReply);
                } catch (RuntimeException e) {
                    // Input is handled without throwing; this is a bug or a JeroMQ failure. Keep serving.
                    if (running) {
                        warnings.warn("loop", "zeromq transport of member {}: unexpected failure, continuing", self, e);
                    }
                }
            }
        } finally {
            context.destroySocket(router);
            // The shared context's I/O thread closes the listening socket a moment later; a member restarted in
            // this process at once must find the port free.
            Sockets.awaitPortReleased(bindAddress, PORT_RELEASE_WAIT_NANOS);
        }
    }

    private void receiveOne() {
        Msg identity = router.recvMsg(0); // waits at most STOP_CHECK_MILLIS
        if (identity == null) {
            return;
        }
        Msg body = identity.hasMore() ? router.recvMsg(ZMQ.DONTWAIT) : null; // a multipart message arrives whole
        if (body == null || body.hasMore()) {
            discardRestOfMessage(body);
            counters.rejected(RejectReason.MALFORMED_MULTIPART);
            warnings.warn(RejectReason.MALFORMED_MULTIPART, "dropped a message of more than one frame from identity"
                    + " '{}'; Graft peers send exactly one", printable(identity.data()));
            return;
        }
        try {
            accept(identity.data(), body);
        } finally {
            frames.release(body); // the inbox decodes (copies) what it keeps
        }
    }

    private void discardRestOfMessage(Msg last) {
        Msg frame = last;
        while (frame != null && frame.hasMore()) {
            frames.release(frame);
            frame = router.recvMsg(ZMQ.DONTWAIT);
        }
        if (frame != null) {
            frames.release(frame);
        }
    }

    private void accept(byte[] identity, Msg body) {
        if (ClientIdentity.isClient(identity)) {
            acceptClientRequest(identity, body);
            return;
        }
        if (wakeup.isWakeup(identity)) {
            wakeups.incrementAndGet();
            return; // Its only job was to end the wait; the replies go out next.
        }
        int sender = MemberIdentity.parse(identity);
        if (sender == MemberIdentity.INVALID || !peers.contains(sender)) {
            counters.rejected(RejectReason.UNKNOWN_SENDER);
            warnings.warn(RejectReason.UNKNOWN_SENDER, "dropped a frame from identity '{}', which is not a peer of"
                    + " member {}", printable(identity), self);
            return;
        }
        if (curve && sender != MemberIdentity.parse(userId(body))) {
            counters.rejected(RejectReason.IDENTITY_MISMATCH);
            warnings.warn(RejectReason.IDENTITY_MISMATCH, "dropped a frame claiming member {} from a connection"
                    + " authenticated as member '{}'", sender, userId(body));
            return;
        }
        if (body.size() == 0) {
            answerProbe(identity); // a peer checking that its connection to us still carries frames
            return;
        }
        counters.received(body.size());
        boolean delivered;
        try {
            delivered = inbox.deliver(sender, body.buf());
        } catch (RuntimeException e) {
            delivered = false;
            warnings.warn("inbox", "the inbox of member {} threw on a frame from member {}", self, sender, e);
        }
        if (!delivered) {
            counters.rejected(RejectReason.INBOX_REJECTED);
            warnings.warn(RejectReason.INBOX_REJECTED, "member {}'s inbox refused a {}-byte frame from member {}"
                    + " (does not decode, or claims another sender)", self, body.size(), sender);
        }
    }

    private void acceptClientRequest(byte[] identity, Msg body) {
        counters.clientRequest();
        boolean delivered;
        try {
            delivered = inbox.deliverClientRequest(new ClientReplyChannel(identity.clone(), replies), body.buf());
        } catch (RuntimeException e) {
            delivered = false;
            warnings.warn("client-inbox", "the inbox of member {} threw on a client request", self, e);
        }
        if (!delivered) {
            counters.rejected(RejectReason.CLIENT_REQUEST_REFUSED);
            warnings.warn(RejectReason.CLIENT_REQUEST_REFUSED, "member {}'s inbox refused a {}-byte request from"
                    + " client '{}' (does not decode, or this member serves no clients)", self, body.size(),
                    printable(identity));
        }
    }

    /**
     * Answers a peer's probe on the connection it came by (the newest with that identity), so the peer's
     * {@link PeerDialler} sees that its connection works; an answer that cannot go out is simply not given.
     */
    private void answerProbe(byte[] identity) {
        routeWithoutWaiting(identity, PeerDialler.PROBE);
    }

    /** Sends one reply without waiting; a client that is gone or not reading loses it (and retries). */
    private void sendReply(ClientReply reply) {
        if (routeWithoutWaiting(reply.identity(), reply.frame())) {
            counters.clientReply();
        } else {
            counters.dropped(DropReason.CLIENT_UNREACHABLE);
        }
    }

    /** Sends {@code frame} to the connection with {@code identity}; false if it is gone or not reading. */
    private boolean routeWithoutWaiting(byte[] identity, byte[] frame) {
        try {
            return router.send(identity, ZMQ.SNDMORE | ZMQ.DONTWAIT) && router.send(frame, ZMQ.DONTWAIT);
        } catch (ZMQException e) {
            if (e.getErrorCode() != ZError.EHOSTUNREACH) {
                throw e;
            }
            return false; // Mandatory routing: no connection has that identity (any more).
        }
    }

    /** The member id the ZAP handler gave this connection (CURVE only), as text. */
    private static String userId(Msg body) {
        Metadata metadata = body.getMetadata();
        return metadata == null ? null : metadata.get(Metadata.USER_ID);
    }

    /** At most 32 characters of an untrusted identity, non-printables escaped, for a log line. */
    private static String printable(byte[] bytes) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < bytes.length && i < 32; i++) {
            int b = bytes[i] & 0xff;
            if (b >= 0x20 && b < 0x7f) {
                s.append((char) b);
            } else {
                s.append(String.format("\\x%02x", b));
            }
        }
        return bytes.length > 32 ? s + "..." : s.toString();
    }
}
