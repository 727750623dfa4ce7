package io.graft.transport.zeromq;

import io.graft.api.config.Member;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZEvent;
import org.zeromq.ZMQ;

/**
 * The sending thread's work. It owns one DEALER per peer (identity: this member's id) and the ROUTER's monitor
 * socket. It sleeps until {@link #signal} (a plain unpark: cheap, and harmless to a sender that is being
 * interrupted, unlike a write to a channel), then empties the peers' queues into their DEALERs without
 * blocking, dropping what ZeroMQ will not take.
 */
final class SendLoop implements Runnable {
    private static final Logger log = LoggerFactory.getLogger(SendLoop.class);
    private static final long IDLE_NANOS = TimeUnit.MILLISECONDS.toNanos(Sockets.STOP_CHECK_MILLIS);

    private final int self;
    private final ZContext context;
    private final List<PeerLink> links;
    private final List<ZMQ.Socket> dealers = new ArrayList<>();
    private final ZMQ.Socket monitor;
    private final TransportCounters counters;
    private final AtomicBoolean pending = new AtomicBoolean();
    private volatile Thread thread;
    private volatile boolean running = true;

    /**
     * Creates the DEALERs and starts dialling, on the calling thread; {@link #run} takes them over. The ROUTER
     * (and so its monitor endpoint) must exist already.
     */
    SendLoop(ZContext context, int self, ZeroMqSettings settings, List<PeerLink> links, TransportCounters counters) {
        this.self = self;
        this.context = context;
        this.links = List.copyOf(links);
        this.counters = counters;
        Optional<CurveSettings> keys = settings.curve();
        for (PeerLink link : this.links) {
            dealers.add(dialler(link.member(), settings, keys));
        }
        monitor = context.createSocket(SocketType.PAIR);
        monitor.connect(Sockets.MONITOR_ENDPOINT);
    }

    private ZMQ.Socket dialler(Member peer, ZeroMqSettings settings, Optional<CurveSettings> keys) {
        ZMQ.Socket dealer = context.createSocket(SocketType.DEALER);
        Sockets.configure(dealer, settings);
        dealer.setIdentity(MemberIdentity.of(self));
        // Queue nothing for a peer that is not connected (drop; Raft retransmits). JeroMQ's flag is the inverse
        // of libzmq's ZMQ_IMMEDIATE: false here means "attach the pipe only once the connection completes".
        dealer.setImmediate(false);
        dealer.setSndHWM(settings.sendHighWaterMark());
        dealer.setRcvHWM(1); // peers never answer on this socket
        if (keys.isPresent()) {
            dealer.setCurveServerKey(keys.get().publicKeys().get(peer.id()));
            dealer.setCurvePublicKey(keys.get().publicKey(self));
            dealer.setCurveSecretKey(keys.get().secretKey());
        }
        dealer.connect(Sockets.tcpEndpoint(peer.host(), peer.port()));
        return dealer;
    }

    /** Tells the loop which thread runs it, before that thread starts. */
    void runOn(Thread t) {
        thread = t;
    }

    /** Wakes the loop because work was queued. Any thread; never blocks. */
    void signal() {
        if (pending.compareAndSet(false, true)) {
            LockSupport.unpark(thread);
        }
    }

    /** Ends the loop promptly. Any thread. */
    void stop() {
        running = false;
        LockSupport.unpark(thread);
    }

    @Override
    public void run() {
        try {
            while (running) {
                // Clear before looking: work queued from here on signals again, so none waits unseen.
                pending.set(false);
                try {
                    flushQueues();
                    countLostConnections();
                } catch (RuntimeException e) {
                    log.warn("zeromq transport of member {}: unexpected failure while sending, continuing", self, e);
                }
                if (!pending.get() && running) {
                    LockSupport.parkNanos(this, IDLE_NANOS);
                }
            }
        } finally {
            dealers.forEach(context::destroySocket);
            context.destroySocket(monitor);
        }
    }

    private void flushQueues() {
        for (int i = 0; i < links.size(); i++) {
            PeerLink link = links.get(i);
            ZMQ.Socket dealer = dealers.get(i);
            byte[] frame;
            while ((frame = link.poll()) != null) {
                if (dealer.send(frame, ZMQ.DONTWAIT)) {
                    counters.sent(frame.length);
                } else {
                    counters.dropped(DropReason.UNREACHABLE);
                }
            }
        }
    }

    private void countLostConnections() {
        while (ZEvent.recv(monitor, ZMQ.DONTWAIT) != null) {
            counters.connectionLost(); // the only event the ROUTER's monitor reports
        }
    }
}
