package io.graft.transport.zeromq;

import io.graft.api.config.ClusterConfig;
import io.graft.api.config.Member;
import io.graft.api.transport.ClientInbox;
import io.graft.api.transport.ClientTransport;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The client side of the {@code zeromq} transport, for remote clients such as {@code GraftClient}: one DEALER
 * per member, connected to the member's own address (the port its ROUTER binds for the other members), with a
 * random client identity ({@link ClientIdentity}) that members tell apart from each other's. With CURVE the
 * client authenticates with its own key pair ({@code clientSecretKeyFile} or {@code clientSecretKeyEnv}) and
 * checks each member's key from {@code publicKeys}; members admit it only if its public key is in their
 * {@code clientKeys} (or they {@code allowAnyClient}). See {@link ZeroMqSettings}.
 *
 * <p>{@link #send} puts the frame on the member's bounded queue and wakes the transport's one thread
 * ({@code graft-zmq-client-<id>-io}), which owns every socket; it never blocks, and drops (counted in
 * {@link #stats()}) when a bound is reached. Requests to a member that is still connecting wait in ZeroMQ, up to
 * {@code sendHighWaterMark}. Replies go to the {@link ClientInbox} from that thread, with the member's id.
 */
public final class ZeroMqClientTransport implements ClientTransport {
    /** Every thread a client transport creates is named {@code graft-zmq-client-<id>-...}. */
    public static final String THREAD_NAME_PREFIX = ZeroMqTransport.THREAD_NAME_PREFIX + "client-";

    private static final Logger log = LoggerFactory.getLogger(ZeroMqClientTransport.class);
    private static final long CLOSE_WAIT_NANOS = TimeUnit.SECONDS.toNanos(1);

    private enum State { NEW, RUNNING, CLOSED }

    private final ZeroMqSettings settings;
    private final byte[] identity = ClientIdentity.random();
    private final String name = new String(identity, 1, 8, StandardCharsets.US_ASCII);
    private final TransportCounters counters = new TransportCounters();
    private final Consumer<Throwable> onContextFailure = this::contextFailed;
    private final AtomicReference<State> state = new AtomicReference<>(State.NEW);
    private volatile Map<Integer, PeerLink> links = Map.of();
    private volatile Running running;

    /** What a started client transport holds. */
    private record Running(ContextLease lease, ClientLoop loop, Thread thread) {
    }

    /** A client transport with {@code settings} (see {@link ZeroMqSettings#forClient}); nothing opens before start. */
    public ZeroMqClientTransport(ZeroMqSettings settings) {
        this.settings = settings;
    }

    /**
     * Starts dialling every member of {@code cluster}.
     *
     * @throws io.graft.api.config.ConfigurationException if CURVE is on and a member has no public key
     * @throws IllegalStateException if already started
     */
    @Override
    public void start(ClusterConfig cluster, ClientInbox inbox) {
        if (!state.compareAndSet(State.NEW, State.RUNNING)) {
            throw new IllegalStateException("a zeromq client transport can be started once; create a new one");
        }
        String prefix = THREAD_NAME_PREFIX + name + "-";
        ContextLease lease = null;
        try {
            settings.curve().ifPresent(c -> c.validateForClient(cluster.memberIds(),
                    cluster.transportOptions().section()));
            Map<Integer, PeerLink> byId = new HashMap<>();
            List<PeerLink> members = new ArrayList<>();
            for (Member m : cluster.members().values()) {
                PeerLink link = new PeerLink(m, settings.sendQueueMessages(), settings.sendQueueBytes());
                members.add(link);
                byId.put(m.id(), link);
            }
            lease = ContextLease.shared(settings.lingerMillis(), settings.ioThreadNice());
            ClientLoop loop = new ClientLoop(name, lease.context(), identity, settings, members, inbox, counters);
            Thread thread = new Thread(loop, prefix + "io");
            thread.setDaemon(true);
            links = Map.copyOf(byId);
            running = new Running(lease, loop, thread);
            thread.start();
            lease.watch().onFailure(onContextFailure);
            log.debug("zeromq client {} dialling members {} ({})", name, byId.keySet(),
                    settings.curve().isPresent() ? "CURVE" : "plain TCP");
        } catch (RuntimeException e) {
            state.set(State.CLOSED);
            if (lease != null) {
                // The thread never started: this one still owns every socket.
                lease.release(System.nanoTime() + CLOSE_WAIT_NANOS, prefix + "term", "zeromq client " + name);
            }
            throw e;
        }
    }

    /**
     * The ZeroMQ context under this client failed ({@link IoThreadWatch}): it closes, so that its pending requests
     * fail instead of waiting for answers that cannot come.
     */
    private void contextFailed(Throwable cause) {
        log.error("zeromq client {} can no longer reach the members ({}); closing it", name, cause.getMessage());
        Thread closer = new Thread(this::close, THREAD_NAME_PREFIX + name + "-closer");
        closer.setDaemon(true);
        closer.start();
    }

    /** Queues {@code frame} for {@code memberId}; never blocks, may drop (see {@link #stats()}). Thread-safe. */
    @Override
    public void send(int memberId, byte[] frame) {
        Running r = running;
        if (state.get() != State.RUNNING || r == null) {
            counters.dropped(DropReason.CLOSED);
            return;
        }
        PeerLink link = links.get(memberId);
        if (link == null) {
            counters.dropped(DropReason.NO_ROUTE);
            return;
        }
        if (frame.length > settings.maxMessageBytes()) {
            counters.dropped(DropReason.TOO_LARGE);
            return;
        }
        if (!link.offer(frame.clone())) {
            counters.dropped(DropReason.QUEUE_FULL);
            return;
        }
        r.loop().wake();
    }

    /** The counters since start: requests sent and dropped, replies received. Thread-safe. */
    public ZeroMqStats stats() {
        return counters.snapshot();
    }

    /** How many times the transport's thread has woken up (for tests: it must not spin when idle). */
    long loopPasses() {
        Running r = running;
        return r == null ? 0 : r.loop().passes();
    }

    /**
     * Stops the thread, which closes the sockets, then ends the ZeroMQ context; returns within about a second.
     * Called from the transport's own thread (e.g. by the inbox), it returns at once and a short-lived thread
     * finishes the job.
     */
    @Override
    public void close() {
        if (state.getAndSet(State.CLOSED) != State.RUNNING) {
            return;
        }
        Running r = running;
        r.lease().watch().forget(onContextFailure);
        r.loop().stop();
        if (Thread.currentThread() == r.thread()) {
            Thread closer = new Thread(() -> finish(r), THREAD_NAME_PREFIX + name + "-closer");
            closer.setDaemon(true);
            closer.start();
        } else {
            finish(r);
        }
    }

    private void finish(Running r) {
        long deadline = System.nanoTime() + CLOSE_WAIT_NANOS;
        boolean interrupted = false;
        try {
            TimeUnit.NANOSECONDS.timedJoin(r.thread(), CLOSE_WAIT_NANOS);
        } catch (InterruptedException e) {
            interrupted = true;
        }
        if (r.thread().isAlive()) {
            // Closing the context under a thread still using its sockets is unsafe; leave it to the daemon.
            log.warn("zeromq client {}: its thread did not stop within a second", name);
        } else {
            r.lease().release(deadline, THREAD_NAME_PREFIX + name + "-term", "zeromq client " + name);
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
