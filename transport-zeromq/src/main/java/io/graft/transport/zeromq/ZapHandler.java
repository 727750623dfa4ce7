package io.graft.transport.zeromq;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

/**
 * Answers ZeroMQ's authentication requests (ZAP, RFC 27) for the CURVE server socket: admits a client whose
 * long-term public key belongs to a peer, and names it by its member id (the ZAP user id, which ZeroMQ then
 * attaches to every frame from that connection as {@code User-Id}). Everything else is refused. Runs on its own
 * small thread, which owns the REP socket; ZeroMQ pauses each handshake until the reply.
 */
final class ZapHandler implements Runnable {
    /** The endpoint ZeroMQ looks for in its own context; must be bound before the server socket. */
    static final String ENDPOINT = "inproc://zeromq.zap.01";

    private static final Logger log = LoggerFactory.getLogger(ZapHandler.class);
    private static final byte[] VERSION = "1.0".getBytes(StandardCharsets.US_ASCII);
    private static final int REQUEST_FRAMES = 7; // version, request id, domain, address, identity, mechanism, key
    private static final int MAX_FRAMES = 16;

    private final ZContext context;
    private final ZMQ.Socket socket;
    private final Map<Integer, byte[]> peerKeys;
    private final TransportCounters counters;
    private final RateLimitedWarnings<RejectReason> warnings = new RateLimitedWarnings<>(log);
    private final RateLimitedWarnings<String> loopWarnings = new RateLimitedWarnings<>(log);
    private volatile boolean running = true;

    /**
     * Binds the ZAP endpoint on the calling thread; {@link #run} takes the socket over.
     *
     * @param peerKeys the public keys to admit, by member id (not this node's own)
     */
    ZapHandler(ZContext context, Map<Integer, byte[]> peerKeys, TransportCounters counters) {
        this.context = context;
        this.peerKeys = Map.copyOf(peerKeys);
        this.counters = counters;
        this.socket = context.createSocket(SocketType.REP);
        socket.setLinger(0);
        socket.setReceiveTimeOut(Sockets.STOP_CHECK_MILLIS);
        socket.bind(ENDPOINT);
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
                    List<byte[]> request = readRequest();
                    if (request != null) {
                        answer(request);
                    }
                } catch (RuntimeException e) {
                    // A bug or a JeroMQ failure, not input: requests come from ZeroMQ itself. Keep serving.
                    if (running) {
                        loopWarnings.warn("loop", "CURVE authentication: unexpected failure, continuing", e);
                    }
                }
            }
        } finally {
            context.destroySocket(socket);
        }
    }

    private List<byte[]> readRequest() {
        byte[] first = socket.recv(0); // waits at most STOP_CHECK_MILLIS
        if (first == null) {
            return null;
        }
        List<byte[]> frames = new ArrayList<>(REQUEST_FRAMES);
        frames.add(first);
        while (socket.hasReceiveMore()) {
            byte[] next = socket.recv(ZMQ.DONTWAIT); // the rest of a multipart message is already here
            if (next == null) {
                break;
            }
            if (frames.size() < MAX_FRAMES) {
                frames.add(next);
            }
        }
        return frames;
    }

    private void answer(List<byte[]> request) {
        byte[] requestId = request.size() > 1 ? request.get(1) : new byte[0];
        if (request.size() < REQUEST_FRAMES || !"CURVE".equals(ascii(request.get(5)))) {
            refuse(requestId, "malformed ZAP request or a mechanism other than CURVE");
            warnings.warn(RejectReason.AUTH_DENIED, "refused a connection: malformed ZAP request or not CURVE");
            return;
        }
        byte[] key = request.get(6);
        for (Map.Entry<Integer, byte[]> e : peerKeys.entrySet()) {
            if (key.length == CurveKeys.KEY_BYTES && CurveKeys.sameKey(key, e.getValue())) {
                reply(requestId, "200", "OK", Integer.toString(e.getKey()));
                return;
            }
        }
        refuse(requestId, "public key not listed");
        warnings.warn(RejectReason.AUTH_DENIED, "refused a CURVE connection from {}: public key {} is not listed for"
                + " any peer in transportOptions.publicKeys", ascii(request.get(3)),
                key.length == CurveKeys.KEY_BYTES ? CurveKeys.fingerprint(key) : key.length + " bytes");
    }

    private void refuse(byte[] requestId, String why) {
        counters.rejected(RejectReason.AUTH_DENIED);
        reply(requestId, "400", why, "");
    }

    private void reply(byte[] requestId, String status, String text, String userId) {
        socket.sendMore(VERSION);
        socket.sendMore(requestId);
        socket.sendMore(status);
        socket.sendMore(text);
        socket.sendMore(userId);
        socket.send(new byte[0]); // no metadata
    }

    private static String ascii(byte[] b) {
        return new String(b, StandardCharsets.US_ASCII);
    }
}
