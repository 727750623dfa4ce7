package io.graft.transport.zeromq;

import io.graft.api.config.Member;
import io.graft.api.transport.Inbox;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;
import zmq.Msg;
import zmq.io.Metadata;

/**
 * The receiving thread's work. It owns the bound ROUTER and waits in JeroMQ's own blocking receive, which
 * sleeps until a message comes (selecting on a socket's signal channel instead can spin: JeroMQ 0.6.0 leaves
 * stray wake-up bytes in it). Each frame goes to the inbox with the member id the connection claims (with
 * CURVE, the one its key authenticated); anything else is dropped, counted and logged at most once a second
 * per kind.
 */
final class ReceiveLoop implements Runnable {
    private static final Logger log = LoggerFactory.getLogger(ReceiveLoop.class);
    private static final String ZAP_DOMAIN = "graft";

    private final int self;
    private final Set<Integer> peers;
    private final boolean curve;
    private final Inbox inbox;
    private final TransportCounters counters;
    private final RateLimitedWarnings<Object> warnings = new RateLimitedWarnings<>(log);
    private final ZContext context;
    private final ZMQ.Socket router;
    private final String boundEndpoint;
    private volatile boolean running = true;

    /**
     * Creates the ROUTER, starts its monitor and binds it, on the calling thread; {@link #run} takes it over.
     * With CURVE the ZAP handler must already be bound, or ZeroMQ admits every key.
     *
     * @throws IllegalStateException if the endpoint cannot be bound
     */
    ReceiveLoop(ZContext context, Member selfMember, String bindHost, ZeroMqSettings settings, Set<Integer> peers,
                Inbox inbox, TransportCounters counters) {
        this.self = selfMember.id();
        this.peers = Set.copyOf(peers);
        this.inbox = inbox;
        this.counters = counters;
        this.context = context;
        Optional<CurveSettings> keys = settings.curve();
        this.curve = keys.isPresent();
        this.boundEndpoint = Sockets.tcpEndpoint(bindHost, selfMember.port());
        router = context.createSocket(SocketType.ROUTER);
        Sockets.configure(router, settings);
        router.setRouterHandover(true); // a restarted peer takes over its identity from a dead connection
        router.setRcvHWM(settings.receiveHighWaterMark());
        router.setReceiveTimeOut(Sockets.STOP_CHECK_MILLIS);
        if (keys.isPresent()) {
            router.setCurveServer(true);
            router.setCurvePublicKey(keys.get().publicKey(self));
            router.setCurveSecretKey(keys.get().secretKey());
            router.setZAPDomain(ZAP_DOMAIN);
        }
        router.monitor(Sockets.MONITOR_ENDPOINT, ZMQ.EVENT_DISCONNECTED);
        Sockets.bind(router, boundEndpoint);
    }

    /** The endpoint the ROUTER is bound to. */
    String boundEndpoint() {
        return boundEndpoint;
    }

    /** Ends the loop within {@link Sockets#STOP_CHECK_MILLIS}. Any thread. */
    void stop() {
        running = false;
    }

    @Override
    public void run() {
        try {
            while (running) {
                try {
                    receiveOne();
                } catch (RuntimeException e) {
                    // Input is handled without throwing; this is a bug or a JeroMQ failure. Keep serving.
                    if (running) {
                        warnings.warn("loop", "zeromq transport of member {}: unexpected failure, continuing", self, e);
                    }
                }
            }
        } finally {
            context.destroySocket(router);
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
        accept(identity.data(), body);
    }

    private void discardRestOfMessage(Msg last) {
        Msg frame = last;
        while (frame != null && frame.hasMore()) {
            frame = router.recvMsg(ZMQ.DONTWAIT);
        }
    }

    private void accept(byte[] identity, Msg body) {
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
