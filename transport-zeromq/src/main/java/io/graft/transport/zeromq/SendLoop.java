package io.graft.transport.zeromq;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZEvent;
import org.zeromq.ZMQ;
import org.zeromq.ZMonitor;

/**
 * The sending thread's work. It owns one DEALER per peer (identity: this member's id, each watched by a
 * {@link PeerDialler}), the ROUTER's monitor socket (lost connections, and the cap on accepted ones,
 * {@link ConnectionCap}) and the {@link RouterWakeup} DEALER. It sleeps until
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
    private final ZeroMqSettings settings;
    private final List<PeerLink> links = new ArrayList<>();
    private final List<PeerDialler> dealers = new ArrayList<>();
    /** Read by senders on any thread; changed by this loop's thread only. */
    private final Map<PeerLink, PeerDialler> diallers = new ConcurrentHashMap<>();
    private final AtomicReference<List<PeerLink>> newPeers = new AtomicReference<>();
    private final ZMQ.Socket monitor;
    private final RouterWakeup wakeup;
    private final ZMQ.Socket wakeupDealer;
    private final TransportCounters counters;
    private final ConnectionCap connections;
    private final AtomicBoolean pending = new AtomicBoolean();
    private volatile Thread thread;
    private volatile boolean running = true;

    /**
     * Creates the DEALERs and starts dialling, on the calling thread; {@link #run} takes them over. The ROUTER
     * (and so its monitor and wake-up endpoints) must exist already.
     */
    SendLoop(ContextLease lease, int self, ZeroMqSettings settings, List<PeerLink> initialPeers, RouterWakeup wakeup,
             TransportCounters counters) {
        this.self = self;
        this.context = lease.context();
        this.settings = settings;
        this.wakeup = wakeup;
        this.counters = counters;
        this.connections = new ConnectionCap(self, settings.maxConnections(), counters,
                new RateLimitedWarnings<>(log));
        long now = System.nanoTime();
        initialPeers.forEach(link -> addPeer(link, now));
        monitor = context.createSocket(SocketType.PAIR);
        monitor.connect(lease.monitorEndpoint());
        wakeupDealer = context.createSocket(SocketType.DEALER);
        wakeupDealer.setLinger(0);
        wakeupDealer.setIdentity(wakeup.identity());
        wakeupDealer.connect(lease.wakeupEndpoint());
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
                    applyNewPeers();
                    flushQueues();
                    if (wakeup.takeRequest()) {
                        // If ZeroMQ will not take it, one is already waiting there, which does as well.
                        wakeupDealer.send(WAKEUP_FRAME, ZMQ.DONTWAIT);
                    }
                    watchRouterConnections();
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
     * Any thread: from now on the peers are {@code peers}; this loop dials the new ones and hangs up on the ones no
     * longer listed (a link that stays keeps its connection). Never blocks: dialling may resolve a name.
     */
    void changePeers(List<PeerLink> peers) {
        newPeers.set(List.copyOf(peers));
        signal();
    }

    private void applyNewPeers() {
        List<PeerLink> next = newPeers.getAndSet(null);
        if (next == null) {
            return;
        }
        for (int i = links.size() - 1; i >= 0; i--) {
            PeerLink link = links.get(i);
            if (!next.contains(link)) {
                links.remove(i);
                diallers.remove(link);
                dealers.remove(i).close();
            }
        }
        long now = System.nanoTime();
        for (PeerLink link : next) {
            if (!diallers.containsKey(link)) {
                addPeer(link, now);
            }
        }
    }

    private void addPeer(PeerLink link, long now) {
        PeerDialler dialler = new PeerDialler(context, self, link.member(), settings, counters, now);
        links.add(link);
        dealers.add(dialler);
        diallers.put(link, dialler);
    }

    /**
     * Any thread: hands a frame for {@code link}'s peer straight to ZeroMQ when its socket is free and nothing
     * waits before it in the queue (see {@link PeerDialler#trySendDirect}).
     */
    PeerDialler.Handoff trySendDirect(PeerLink link, byte[] frame) {
        PeerDialler dialler = diallers.get(link);
        // Not dialled yet (just added): the queue holds the frame until it is.
        return dialler == null ? PeerDialler.Handoff.QUEUE : dialler.trySendDirect(frame, link);
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

    /** Counts the ROUTER's lost connections, and closes new ones beyond {@code maxConnections}. */
    private void watchRouterConnections() {
        ZEvent event;
        while ((event = ZEvent.recv(monitor, ZMQ.DONTWAIT)) != null) {
            if (event.getEvent() == ZMonitor.Event.ACCEPTED) {
                connections.accepted(event.getValue());
            } else {
                counters.connectionLost(); // the only other event the ROUTER's monitor reports
            }
        }
    }
}
