package io.graft.transport.inmemory;

import io.graft.api.transport.ClientChannel;
import io.graft.api.transport.ClientInbox;
import io.graft.api.transport.ClientTransport;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A network inside one JVM that the {@link InMemoryTransport}s of one cluster attach to, with faults a test
 * can inject: isolated members, partitions, one-way cuts, and lost, duplicated, delayed or reordered
 * messages. Every fault setting is thread-safe and applies to the next message sent, and also to messages
 * still in flight (a delayed message whose link is cut before it arrives is lost).
 *
 * <p>By default every message is encoded with {@link io.graft.api.transport.WireMessage#encodeTo} and the
 * receiver decodes it, so tests exercise the wire format and count real bytes; {@link
 * Builder#passByReference(boolean)} hands over the message object instead, which is faster.
 *
 * <p>Messages without delay are handed to the receiver's inbox on the sender's thread (inboxes only
 * enqueue, so this cannot deadlock); delayed ones are delivered by one daemon thread per network, started
 * when first needed and stopped by {@link #close()}.
 *
 * <p>Networks can be registered under a name ({@link #named}, {@link Builder#buildAndRegister()}) so that
 * transports made from a configuration file by the {@link InMemoryTransportProvider} find the one their
 * cluster shares. A test should use its own network, under a name of its own, and close it afterwards.
 */
public final class InMemoryNetwork implements AutoCloseable {
    /** The name of the network transports use when their configuration names none. */
    public static final String DEFAULT_NAME = "default";
    /** How many delayed messages a network holds at most unless told otherwise. */
    public static final int DEFAULT_MAX_DELAYED_MESSAGES = 100_000;

    private static final Logger log = LoggerFactory.getLogger(InMemoryNetwork.class);
    private static final AtomicInteger UNNAMED = new AtomicInteger();

    private final String name;
    private final boolean passByReference;
    private final boolean countBytesByReference;
    private final long seed;
    private final FateDecider fates;
    private final DelayScheduler scheduler;
    private final ConcurrentMap<Integer, Endpoint> endpoints = new ConcurrentHashMap<>();
    private final ConcurrentMap<Integer, TrafficCounters> counters = new ConcurrentHashMap<>();
    private volatile Topology topology = Topology.FULLY_CONNECTED;
    private volatile MessageFaults faults = MessageFaults.RELIABLE;
    private volatile boolean closed;

    private InMemoryNetwork(Builder b) {
        name = b.name != null ? b.name : "network-" + UNNAMED.incrementAndGet();
        passByReference = b.passByReference;
        countBytesByReference = b.countBytesByReference;
        seed = b.seed != null ? b.seed : ThreadLocalRandom.current().nextLong();
        fates = new FateDecider(seed);
        scheduler = new DelayScheduler("graft-inmemory-" + name + "-delivery", b.maxDelayedMessages);
        log.debug("in-memory network '{}' created with seed {}", name, seed);
    }

    /** A new, unregistered network with default settings and a random seed. */
    public static InMemoryNetwork create() {
        return builder().build();
    }

    /** A builder for a network with chosen settings. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The open network registered as {@code name}, created with default settings if there is none. This is
     * the network the {@link InMemoryTransportProvider} attaches to when its {@code network} option is
     * {@code name}.
     */
    public static InMemoryNetwork named(String name) {
        return NetworkRegistry.getOrCreate(requireName(name));
    }

    /** The network called {@value #DEFAULT_NAME}, which configurations that name no network share. */
    public static InMemoryNetwork defaultNetwork() {
        return named(DEFAULT_NAME);
    }

    // ---- transports ---------------------------------------------------------------------------------

    /** A transport for member {@code memberId}; its {@code start} context must name the same member. */
    public InMemoryTransport transport(int memberId) {
        if (memberId <= 0) {
            throw new IllegalArgumentException("member ids are positive, got " + memberId);
        }
        return new InMemoryTransport(this, memberId, passByReference);
    }

    /** A transport for whichever member its {@code start} context names. */
    public InMemoryTransport transport() {
        return new InMemoryTransport(this, 0, passByReference);
    }

    /** Like {@link #transport()}, delivering by reference or encoded as told rather than as the network does. */
    InMemoryTransport unboundTransport(boolean byReference) {
        return new InMemoryTransport(this, 0, byReference);
    }

    /** The members whose transports are started and not closed, ascending. */
    public SortedSet<Integer> attachedMembers() {
        return new TreeSet<>(endpoints.keySet());
    }

    // ---- links --------------------------------------------------------------------------------------

    /** Cuts every link to and from {@code memberId}, until {@link #reconnect} or {@link #heal}. */
    public void isolate(int memberId) {
        changeTopology(t -> t.isolate(memberId), "isolated member " + memberId);
    }

    /**
     * Undoes {@link #isolate} and every one-way {@link #cut} to or from {@code memberId}. A partition stays
     * in force; {@link #heal} ends it.
     */
    public void reconnect(int memberId) {
        changeTopology(t -> t.reconnect(memberId), "reconnected member " + memberId);
    }

    /**
     * Splits the network: from now on only members in the same group can talk, and members in no group are
     * cut off from everyone. Replaces any earlier partition; isolations and cuts still apply inside groups.
     *
     * @throws IllegalArgumentException if a member is in two groups
     */
    @SafeVarargs
    public final void partition(Set<Integer>... groups) {
        List<Set<Integer>> list = new ArrayList<>(groups.length);
        for (Set<Integer> group : groups) {
            list.add(Set.copyOf(group));
        }
        changeTopology(t -> t.partition(list), "partitioned into " + list);
    }

    /** Cuts the link from {@code from} to {@code to} only; messages the other way still pass. */
    public void cut(int from, int to) {
        changeTopology(t -> t.cut(from, to), "cut link " + from + " -> " + to);
    }

    /** Restores the link from {@code from} to {@code to} cut by {@link #cut}. */
    public void uncut(int from, int to) {
        changeTopology(t -> t.uncut(from, to), "restored link " + from + " -> " + to);
    }

    /** Brings every link up: ends the partition, every isolation and every cut. Message faults stay. */
    public void heal() {
        changeTopology(t -> Topology.FULLY_CONNECTED, "healed all links");
    }

    /** Whether a message sent now from {@code from} to {@code to} would find its link up. */
    public boolean canReach(int from, int to) {
        return topology.canReach(from, to);
    }

    // ---- message faults -----------------------------------------------------------------------------

    /** Loses each message with probability {@code rate} (0 to 1). */
    public void setDropRate(double rate) {
        changeFaults(f -> f.withDropRate(rate), "drop rate " + rate);
    }

    /** Delivers each message that is not lost twice with probability {@code rate} (0 to 1). */
    public void setDuplicateRate(double rate) {
        changeFaults(f -> f.withDuplicateRate(rate), "duplicate rate " + rate);
    }

    /**
     * Delays each message (each copy of a duplicate independently) by a uniformly random time between
     * {@code min} and {@code max}, so messages overtake each other when the spread allows. Zero and zero
     * turns delays off.
     */
    public void setDelay(Duration min, Duration max) {
        changeFaults(f -> f.withDelay(min, max), "delay " + min.toMillis() + ".." + max.toMillis() + " ms");
    }

    /**
     * Holds back each message with probability {@code rate} (0 to 1) for an extra random time of 1 ms up to
     * 10 ms, or up to twice the maximum delay if that is longer, so that messages sent after it overtake it.
     */
    public void setReorderRate(double rate) {
        changeFaults(f -> f.withReorderRate(rate), "reorder rate " + rate);
    }

    /** Ends loss, duplication, delay and reordering. Partitions, isolations and cuts stay. */
    public void reliable() {
        changeFaults(f -> MessageFaults.RELIABLE, "reliable delivery");
    }

    // ---- statistics ---------------------------------------------------------------------------------

    /** What member {@code memberId} sent, received and lost; zeros for a member never seen. */
    public NodeTrafficStats stats(int memberId) {
        TrafficCounters c = counters.get(memberId);
        return c == null ? NodeTrafficStats.ZERO : c.snapshot();
    }

    /** The sum of every member's statistics. */
    public NodeTrafficStats totalStats() {
        NodeTrafficStats total = NodeTrafficStats.ZERO;
        for (TrafficCounters c : counters.values()) {
            total = total.plus(c.snapshot());
        }
        return total;
    }

    /** Sets every member's counters back to zero. */
    public void resetStats() {
        counters.values().forEach(TrafficCounters::reset);
    }

    /** How many delayed messages are waiting to be delivered. */
    public int delayedInFlight() {
        return scheduler.pending();
    }

    // ---- identity and lifecycle ---------------------------------------------------------------------

    /** This network's name, used for registration, thread names and logs. */
    public String name() {
        return name;
    }

    /** The seed of this network's random decisions; the same seed reproduces them for a single sender. */
    public long seed() {
        return seed;
    }

    /** Whether transports made by {@link #transport(int)} hand over message objects instead of bytes. */
    public boolean isPassByReference() {
        return passByReference;
    }

    /** Whether {@link #close()} was called. */
    public boolean isClosed() {
        return closed;
    }

    /**
     * Stops the network: detaches every transport, discards delayed messages, stops the delivery thread and
     * unregisters the name. Messages sent afterwards are dropped. Idempotent.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        NetworkRegistry.unregister(this);
        scheduler.close();
        endpoints.clear();
        log.debug("in-memory network '{}' closed", name);
    }

    @Override
    public String toString() {
        return "InMemoryNetwork[" + name + "]";
    }

    // ---- what transports use ------------------------------------------------------------------------

    /** Starts routing messages for {@code endpoint}'s member to its inbox. */
    /**
     * A client side on this network, for remote-client tests in one JVM: requests reach a member unless it
     * is isolated, and so do its replies.
     */
    public ClientTransport clientTransport() {
        return new InMemoryClientTransport(this);
    }

    /** Hands a client request to {@code member}; returns false if it cannot be reached. */
    boolean deliverClientRequest(int member, byte[] frame, ClientInbox replies) {
        Endpoint receiver = endpoints.get(member);
        if (closed || receiver == null || topology.isolated().contains(member)) {
            return false;
        }
        ClientChannel channel = reply -> {
            if (!closed && !topology.isolated().contains(member)) {
                replies.deliver(member, ByteBuffer.wrap(reply));
            }
        };
        return receiver.inbox().deliverClientRequest(channel, ByteBuffer.wrap(frame));
    }

    void attach(Endpoint endpoint) {
        if (closed) {
            throw new IllegalStateException("in-memory network '" + name + "' is closed; create a new one");
        }
        Endpoint existing = endpoints.putIfAbsent(endpoint.memberId(), endpoint);
        if (existing != null) {
            throw new IllegalStateException("member " + endpoint.memberId() + " is already attached to in-memory "
                    + "network '" + name + "'; close its transport before starting another for the same member");
        }
        log.debug("network '{}': member {} attached", name, endpoint.memberId());
    }

    /** Stops routing to {@code endpoint}, unless another transport of the same member replaced it. */
    void detach(Endpoint endpoint) {
        if (endpoints.remove(endpoint.memberId(), endpoint)) {
            log.debug("network '{}': member {} detached", name, endpoint.memberId());
        }
    }

    /** The live counters of {@code memberId}. */
    TrafficCounters countersOf(int memberId) {
        return counters.computeIfAbsent(memberId, id -> new TrafficCounters());
    }

    boolean countsBytesByReference() {
        return countBytesByReference;
    }

    /** Carries {@code parcel} from {@code from} to {@code to}, subject to the faults in force. */
    void route(int from, int to, Parcel parcel, TrafficCounters sender) {
        if (closed || !topology.canReach(from, to)) {
            sender.dropped();
            return;
        }
        long[] delays = fates.decide(faults);
        if (delays.length == 0) {
            sender.dropped();
            return;
        }
        for (long delay : delays) {
            if (delay == 0) {
                deliver(from, to, parcel, sender);
            } else if (!scheduler.schedule(() -> deliver(from, to, parcel, sender), delay)) {
                sender.dropped();
            }
        }
    }

    private void deliver(int from, int to, Parcel parcel, TrafficCounters sender) {
        Endpoint receiver = endpoints.get(to);
        // Checked again on arrival: a link cut while a message was in flight loses it, as on a real network.
        if (closed || receiver == null || !topology.canReach(from, to)) {
            sender.dropped();
            return;
        }
        try {
            parcel.deliverTo(receiver.inbox());
            receiver.counters().delivered();
        } catch (RuntimeException bug) {
            sender.dropped();
            log.error("network '{}': member {}'s inbox threw on a message from {}; inboxes must not throw",
                    name, to, from, bug);
        }
    }

    private synchronized void changeTopology(UnaryOperator<Topology> change, String what) {
        topology = change.apply(topology);
        log.info("network '{}': {}", name, what);
    }

    private synchronized void changeFaults(UnaryOperator<MessageFaults> change, String what) {
        faults = change.apply(faults);
        log.info("network '{}': {}", name, what);
    }

    private static String requireName(String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("an in-memory network needs a non-blank name");
        }
        return name;
    }

    /** Settings for a new {@link InMemoryNetwork}. */
    public static final class Builder {
        private String name;
        private boolean passByReference;
        private boolean countBytesByReference = true;
        private Long seed;
        private int maxDelayedMessages = DEFAULT_MAX_DELAYED_MESSAGES;

        private Builder() {
        }

        /** The network's name, for registration, thread names and logs; unnamed networks get a unique one. */
        public Builder name(String name) {
            this.name = requireName(name);
            return this;
        }

        /**
         * {@code false} (the default): every message is encoded to bytes and the receiver decodes them;
         * {@code true}: the message object itself is handed over.
         */
        public Builder passByReference(boolean passByReference) {
            this.passByReference = passByReference;
            return this;
        }

        /**
         * Whether by-reference delivery still counts bytes sent, by asking each message its encoded size
         * (default {@code true}; turn off if computing sizes costs too much in a benchmark).
         */
        public Builder countBytesByReference(boolean countBytes) {
            this.countBytesByReference = countBytes;
            return this;
        }

        /** The seed of the random source behind drop, duplicate, delay and reorder decisions. */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** How many delayed messages may wait at once; more are dropped (default {@value InMemoryNetwork#DEFAULT_MAX_DELAYED_MESSAGES}). */
        public Builder maxDelayedMessages(int max) {
            if (max <= 0) {
                throw new IllegalArgumentException("maxDelayedMessages must be positive, got " + max);
            }
            this.maxDelayedMessages = max;
            return this;
        }

        /** A new, unregistered network. */
        public InMemoryNetwork build() {
            return new InMemoryNetwork(this);
        }

        /**
         * A new network registered under its {@linkplain #name(String) name}, so that {@link #named} and the
         * provider's {@code network} option find it; closing it unregisters it.
         *
         * @throws IllegalStateException if no name was set, or an open network already has this name
         */
        public InMemoryNetwork buildAndRegister() {
            if (name == null) {
                throw new IllegalStateException("set a name() to register the network under");
            }
            InMemoryNetwork network = build();
            NetworkRegistry.register(network);
            return network;
        }
    }
}
