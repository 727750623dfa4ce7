package io.graft.transport.zeromq;

import io.graft.api.config.ClusterConfig;
import io.graft.api.config.Member;
import io.graft.api.metrics.TransportMetrics;
import io.graft.api.transport.Transport;
import io.graft.api.transport.TransportContext;
import io.graft.api.transport.WireMessage;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.zeromq.ZContext;

/**
 * The {@code zeromq} transport for one node: a ROUTER bound at the node's address receives from every peer,
 * and one DEALER per peer, whose identity is this node's member id, sends to it. ZeroMQ reconnects by itself
 * when a peer restarts or the network heals.
 *
 * <p>{@link #send} encodes the message on the caller's thread and hands the bytes to the peer's DEALER itself when
 * no other thread is using it; otherwise it puts them on the peer's bounded queue and wakes the sending thread. It
 * never blocks, and drops (counting why, see {@link #stats()}) when a bound is reached or the peer is not
 * connected. Incoming frames go to the inbox with the member id the connection
 * claims, or, with CURVE, the id its authenticated key belongs to.
 *
 * <p>Threads, each the only user of its sockets (JeroMQ sockets are not thread-safe): {@code -in} owns the
 * ROUTER and calls the inbox, {@code -out} owns the DEALERs, {@code -auth} (CURVE only) answers ZeroMQ's
 * authentication requests; all are named {@code graft-zmq-<memberId>-...}. ZeroMQ's own I/O and reaper
 * threads ({@code graft-zmq-shared-...}) serve every transport in the process, as ZeroMQ advises (one context
 * per process, see {@link ContextLease}); a CURVE member has its own ({@code graft-zmq-<memberId>-...}).
 * Receiving and sending have a thread each because JeroMQ cannot wait for a socket and for a wake-up together
 * without spinning (see {@link ReceiveLoop}).
 *
 * <p>Remote clients ({@link ZeroMqClientTransport}) connect to the same bound ROUTER; their requests go to
 * {@link io.graft.api.transport.Inbox#deliverClientRequest}, and the replies, from whichever thread the node
 * produces them on, queue up for the receiving thread, which alone sends on the ROUTER (see
 * {@link ClientReplies}).
 */
public final class ZeroMqTransport implements Transport, TransportMetrics {
    /** Every thread this transport creates is named {@code graft-zmq-<memberId>-...}. */
    public static final String THREAD_NAME_PREFIX = "graft-zmq-";

    private static final Logger log = LoggerFactory.getLogger(ZeroMqTransport.class);
    private static final long CLOSE_WAIT_NANOS = TimeUnit.SECONDS.toNanos(1);

    private enum State { NEW, RUNNING, CLOSED }

    private final ZeroMqSettings settings;
    private final TransportCounters counters = new TransportCounters();
    private final AtomicReference<State> state = new AtomicReference<>(State.NEW);
    private volatile Map<Integer, PeerLink> links = Map.of();
    private volatile Running running;
    private volatile Consumer<Throwable> failureListener = cause -> { };

    /** What a started transport holds; {@code stages} in the order they stop. */
    private record Running(int self, ContextLease lease, ReceiveLoop in, SendLoop out, ClientReplies replies,
                           List<Stage> stages) {

        boolean ownsThread(Thread t) {
            return stages.stream().anyMatch(s -> s.thread() == t);
        }
    }

    /** One of the transport's threads and how to ask it to stop. */
    private record Stage(Thread thread, Runnable stop) {
    }

    /** A transport with {@code settings}; nothing is opened before {@link #start}. */
    public ZeroMqTransport(ZeroMqSettings settings) {
        this.settings = settings;
    }

    /**
     * Binds {@code tcp://<bindHost or own host>:<own port>} and starts dialling the peers.
     *
     * @throws io.graft.api.config.ConfigurationException if the CURVE keys do not fit the cluster
     * @throws IllegalStateException if already started, or if the address cannot be bound
     */
    @Override
    public void start(TransportContext context) {
        if (!state.compareAndSet(State.NEW, State.RUNNING)) {
            throw new IllegalStateException("a zeromq transport can be started once; create a new one instead");
        }
        ClusterConfig cluster = context.cluster();
        Member self = context.selfMember();
        String prefix = THREAD_NAME_PREFIX + self.id() + "-";
        ContextLease lease = null;
        try {
            settings.curve().ifPresent(c -> c.validateFor(self.id(), cluster.memberIds(),
                    cluster.transportOptions().section()));
            Map<Integer, PeerLink> byId = new HashMap<>();
            List<PeerLink> peers = new ArrayList<>();
            for (Member m : cluster.members().values()) {
                if (m.id() != self.id()) {
                    PeerLink link = new PeerLink(m, settings.sendQueueMessages(), settings.sendQueueBytes());
                    peers.add(link);
                    byId.put(m.id(), link);
                }
            }
            // ZAP listens on a fixed in-process endpoint, one per context: a CURVE server needs its own context.
            lease = settings.curve().isPresent() ? ContextLease.dedicated(prefix, settings.lingerMillis(), settings.ioThreadNice())
                    : ContextLease.shared(settings.lingerMillis(), settings.ioThreadNice());
            ZContext ctx = lease.context();
            // ZAP must be listening before the ROUTER accepts anyone, or CURVE admits every key.
            ZapHandler auth = settings.curve().map(c -> new ZapHandler(ctx, peerKeys(c, byId), c.clientKeys(),
                    c.allowAnyClient(), counters)).orElse(null);
            RouterWakeup wakeup = new RouterWakeup();
            ClientReplies replies = new ClientReplies(settings.clientReplyQueueMessages(), settings.sendQueueBytes(),
                    settings.maxMessageBytes(), wakeup::request, counters);
            ReceiveLoop in = new ReceiveLoop(lease, self, settings.bindHost().orElse(self.host()), settings,
                    byId.keySet(), context.inbox(), replies, wakeup, counters);
            SendLoop out = new SendLoop(lease, self.id(), settings, peers, wakeup, counters);
            wakeup.signalVia(out::signal);

            Thread outThread = daemon(out, prefix + "out");
            out.runOn(outThread);
            // Stopped one after the other, so the two ends of an in-process pipe (wake-up, monitor, ZAP) never
            // close at once: a precaution, after JeroMQ 0.6.0's reaper thread was once seen dying of a race in
            // pipe termination during close (see Sockets.terminate for what bounds close() if it happens).
            List<Stage> stages = new ArrayList<>();
            stages.add(new Stage(outThread, out::stop));
            stages.add(new Stage(daemon(in, prefix + "in"), in::stop));
            if (auth != null) {
                stages.add(new Stage(daemon(auth, prefix + "auth"), auth::stop));
            }
            links = Map.copyOf(byId);
            running = new Running(self.id(), lease, in, out, replies, List.copyOf(stages));
            stages.forEach(stage -> stage.thread().start());
            Consumer<Throwable> onFailure = cause -> failed(self.id(), cause, context);
            failureListener = onFailure;
            lease.watch().onFailure(onFailure);
            log.info("zeromq transport of member {} listening on {} ({}), peers {}", self.id(), in.boundEndpoint(),
                    settings.curve().isPresent() ? "CURVE" : "plain TCP, unauthenticated", byId.keySet());
        } catch (RuntimeException e) {
            state.set(State.CLOSED);
            if (lease != null) {
                // Nothing started yet: this thread still owns every socket.
                lease.release(System.nanoTime() + CLOSE_WAIT_NANOS, prefix + "term", "zeromq transport of member "
                        + self.id());
            }
            throw e;
        }
    }

    /**
     * The ZeroMQ context under this transport failed ({@link IoThreadWatch}): nothing is sent or received any
     * more, and the port stays taken until the process ends. Tells the node, which stops with the cause.
     */
    private void failed(int self, Throwable cause, TransportContext context) {
        if (state.get() != State.RUNNING) {
            return;
        }
        log.error("zeromq transport of member {} can no longer send or receive: {}; the member stops", self,
                cause.getMessage());
        context.failed().accept(cause);
    }

    private static Map<Integer, byte[]> peerKeys(CurveSettings keys, Map<Integer, PeerLink> peers) {
        Map<Integer, byte[]> out = new HashMap<>();
        peers.keySet().forEach(id -> out.put(id, keys.publicKeys().get(id)));
        return out;
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    /**
     * Reaches the members added to the cluster from now on, and stops reaching (and accepting frames from) the
     * ones removed; a member whose address changed is dialled at the new one. Dialling happens on the sending
     * thread, so this never blocks. With CURVE, a new member needs its key in {@code publicKeys} (which at start
     * lists only the starting members): until then it is not reached, and an error says so.
     */
    @Override
    public synchronized void membersChanged(Collection<Member> members) {
        Running r = running;
        if (state.get() != State.RUNNING || r == null) {
            return;
        }
        Map<Integer, PeerLink> current = links;
        Map<Integer, PeerLink> next = new HashMap<>();
        for (Member m : members) {
            if (m.id() == r.self()) {
                continue;
            }
            PeerLink known = current.get(m.id());
            if (known != null && known.member().equals(m)) {
                next.put(m.id(), known);
            } else if (settings.curve().isPresent() && !settings.curve().get().publicKeys().containsKey(m.id())) {
                log.error("zeromq transport of member {}: member {} ({}:{}) joined the cluster, but transportOptions"
                        + ".publicKeys lists no key for it, so it cannot be reached; CURVE clusters cannot grow"
                        + " at run time yet", r.self(), m.id(), m.host(), m.port());
            } else {
                next.put(m.id(), new PeerLink(m, settings.sendQueueMessages(), settings.sendQueueBytes()));
            }
        }
        if (next.keySet().equals(current.keySet()) && next.values().containsAll(current.values())) {
            return; // the same peers at the same addresses
        }
        links = Map.copyOf(next);
        r.in().acceptFrom(next.keySet());
        r.out().changePeers(List.copyOf(next.values()));
        log.info("zeromq transport of member {}: peers are now {} (were {})", r.self(), new TreeSet<>(next.keySet()),
                new TreeSet<>(current.keySet()));
    }

    /** Encodes and queues {@code message}; never blocks, may drop (see {@link #stats()}). Thread-safe. */
    @Override
    public void send(WireMessage message) {
        Running r = running;
        if (state.get() != State.RUNNING || r == null) {
            counters.dropped(DropReason.CLOSED);
            return;
        }
        PeerLink link = links.get(message.to());
        if (link == null) {
            counters.dropped(DropReason.NO_ROUTE);
            return;
        }
        int size = message.encodedSize();
        if (size > settings.maxMessageBytes()) {
            counters.dropped(DropReason.TOO_LARGE);
            return;
        }
        byte[] frame = new byte[size];
        ByteBuffer buffer = ByteBuffer.wrap(frame);
        message.encodeTo(buffer);
        if (buffer.position() != size) {
            throw new IllegalArgumentException(message.getClass().getName() + " wrote " + buffer.position()
                    + " bytes but its encodedSize() is " + size);
        }
        switch (r.out().trySendDirect(link, frame)) {
            case SENT:
                counters.sent(size);
                return;
            case REFUSED:
                counters.dropped(DropReason.UNREACHABLE);
                return;
            case CLOSED:
                counters.dropped(DropReason.CLOSED);
                return;
            default:
                break; // queue it for the sending thread
        }
        if (!link.offer(frame)) {
            counters.dropped(DropReason.QUEUE_FULL);
            return;
        }
        r.out().signal();
    }

    /** The counters since start. Thread-safe; each counter is read once, not all at one instant. */
    public ZeroMqStats stats() {
        return counters.snapshot();
    }

    /** {@link #stats()} in the shape metrics binders read; drops are named after {@link DropReason}. */
    @Override
    public Traffic traffic() {
        ZeroMqStats s = stats();
        Map<String, Long> dropped = new HashMap<>();
        s.dropped().forEach((reason, n) -> dropped.put(reason.name(), n));
        s.rejected().forEach((reason, n) -> dropped.put(reason.name(), n));
        return new Traffic(s.sent(), s.sentBytes(), s.received(), s.receivedBytes(), dropped);
    }

    /**
     * Stops the threads, which close their sockets, then ends the ZeroMQ context and its threads; returns
     * within about a second. Called from one of this transport's own threads (e.g. by the inbox), it returns at
     * once and a short-lived thread finishes the job.
     */
    @Override
    public void close() {
        if (state.getAndSet(State.CLOSED) != State.RUNNING) {
            return;
        }
        Running r = running;
        r.lease().watch().forget(failureListener);
        log.info("zeromq transport of member {} closing: {}", r.self(), stats());
        r.replies().close();
        if (r.ownsThread(Thread.currentThread())) {
            daemon(() -> finish(r), THREAD_NAME_PREFIX + r.self() + "-closer").start();
        } else {
            finish(r);
        }
    }

    /** Stops the threads in order, each closing its sockets, then ends the context. */
    private static void finish(Running r) {
        long deadline = System.nanoTime() + CLOSE_WAIT_NANOS;
        boolean interrupted = false;
        for (Stage stage : r.stages()) {
            stage.stop().run();
            try {
                TimeUnit.NANOSECONDS.timedJoin(stage.thread(), Math.max(1, deadline - System.nanoTime()));
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        List<String> stuck = r.stages().stream().map(Stage::thread).filter(Thread::isAlive).map(Thread::getName)
                .toList();
        if (stuck.isEmpty()) {
            r.lease().release(deadline, THREAD_NAME_PREFIX + r.self() + "-term",
                    "zeromq transport of member " + r.self());
        } else {
            // Closing the context under a thread still using its sockets is unsafe; leave it to the daemons.
            log.warn("zeromq transport of member {}: threads {} did not stop within a second", r.self(), stuck);
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** How many times a wake-up frame ended the receiving thread's wait, for replies to clients (for tests). */
    long routerWakeups() {
        Running r = running;
        return r == null ? 0 : r.in().wakeups();
    }

    /** How many messages wait in the queue to {@code peer} (for tests). */
    int queued(int peer) {
        PeerLink link = links.get(peer);
        return link == null ? 0 : link.queued();
    }
}
