package io.graft.transport.zeromq;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
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
 * The sending thread's work. It owns one DEALER per peer (identity: this member's id, each watched by a
 * {@link PeerDialler}), the ROUTER's monitor socket and the {@link RouterWakeup} DEALER. It sleeps until
 * {@link #signal} (a plain unpark: cheap, and harmless to a sender that is being interrupted, unlike a write to a
 * channel) or until a probe is due, then empties the peers' queues into their DEALERs without blocking, dropping
 * what ZeroMQ will not take, and wakes the receiving thread if replies to clients wait for it. Most frames never
 * wait for it: the thread that sends hands them to a free DEALER itself ({@link #trySendDirect}).
 */
final class SendLoop implements Runnable {
    private static final Logger log = LoggerFactory.getLogger(SendLoop.class);
    private static final long IDLE_NANOS = TimeUnit.MILLISECONDS.toNanos(Sockets.STOP_CHECK_MILLIS);
    private static final byte[] WAKEUP_FRAME = new byte[0];

    private final int self;
    private final ZContext context;
    private final List<PeerLink> links;
    private final List<PeerDialler> dealers = new ArrayList<>();
    private final Map<PeerLink, PeerDialler> diallers = new IdentityHashMap<>();
    private final ZMQ.Socket monitor;
    private final RouterWakeup wakeup;
    private final ZMQ.Socket wakeupDealer;
    private final TransportCounters counters;
    private final AtomicBoolean pending = new AtomicBoolean();
    private volatile Thread thread;
    private volatile boolean running = true;

    /**
     * Creates the DEALERs and starts dialling, on the calling thread; {@link #run} takes them over. The ROUTER
     * (and so its monitor and wake-up endpoints) must exist already.
     */
    SendLoop(ZContext context, int self, ZeroMqSettings settings, List<PeerLink> links, RouterWakeup wakeup,
             TransportCounters counters) {
        this.self = self;
        this.context = context;
        this.links = List.copyOf(links);
        this.wakeup = wakeup;
        this.counters = counters;
        long now = System.nanoTime();
        for (PeerLink link : this.links) {
            PeerDialler dialler = new PeerDialler(context, self, link.member(), settings, counters, now);
            dealers.add(dialler);
            diallers.put(link, dialler);
        }
        monitor = context.createSocket(SocketType.PAIR);
        monitor.connect(Sockets.MONITOR_ENDPOINT);
        wakeupDealer = context.createSocket(SocketType.DEALER);
        wakeupDealer.setLinger(0);
        wakeupDealer.setIdentity(wakeup.identity());
        wakeupDealer.connect(RouterWakeup.ENDPOINT);
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
                    if (wakeup.takeRequest()) {
                        // If ZeroMQ will not take it, one is already waiting there, which does as well.
                        wakeupDealer.send(WAKEUP_FRAME, ZMQ.DONTWAIT);
                    }
                    countLostConnections();
                    maintainConnections();
                } catch (RuntimeException e) {
                    log.warn("zeromq transport of member {}: unexpected failure while sending, continuing", self, e);
                }
                if (!pending.get() && running) {
                    LockSupport.parkNanos(this, Math.max(1, Math.min(IDLE_NANOS, nanosUntilProbeDue())));
                }
            }
        } finally {
            dealers.forEach(PeerDialler::close);
            context.destroySocket(monitor);
            context.destroySocket(wakeupDealer);
        }
    }

    private void flushQueues() {
        for (int i = 0; i < links.size(); i++) {
            dealers.get(i).drain(links.get(i));
        }
    }

    /**
     * Any thread: hands a frame for {@code link}'s peer straight to ZeroMQ when its socket is free and nothing
     * waits before it in the queue (see {@link PeerDialler#trySendDirect}).
     */
    PeerDialler.Handoff trySendDirect(PeerLink link, byte[] frame) {
        return diallers.get(link).trySendDirect(frame, link);
    }

    private void maintainConnections() {
        long now = System.nanoTime();
        for (PeerDialler dealer : dealers) {
            dealer.maintain(now);
        }
    }

    private long nanosUntilProbeDue() {
        long now = System.nanoTime();
        long soonest = Long.MAX_VALUE;
        for (PeerDialler dealer : dealers) {
            soonest = Math.min(soonest, dealer.nanosUntilDue(now));
        }
        return soonest;
    }

    private void countLostConnections() {
        while (ZEvent.recv(monitor, ZMQ.DONTWAIT) != null) {
            counters.connectionLost(); // the only event the ROUTER's monitor reports
        }
    }
}
