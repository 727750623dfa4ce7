package io.graft.testkit;

import io.graft.api.Codec;
import io.graft.api.Membership;
import io.graft.api.NodeStatus;
import io.graft.api.RaftNode;
import io.graft.api.Role;
import io.graft.api.StateMachine;
import io.graft.api.config.ClusterConfig;
import io.graft.core.Graft;
import io.graft.core.runtime.LocalRaftNode;
import io.graft.core.storage.LogStorage;
import io.graft.core.storage.MemoryLogStorage;
import io.graft.transport.inmemory.InMemoryNetwork;
import io.graft.transport.inmemory.NodeTrafficStats;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.function.IntFunction;
import java.util.stream.Collectors;

/**
 * A real Graft cluster in one JVM for testing a state machine: every member runs the production runtime on
 * an {@link InMemoryNetwork} with fault injection. Members can be isolated, partitioned, crashed (stopped
 * abruptly, keeping what they persisted) and restarted from that storage, stopped gracefully, and new members
 * can be started to join the cluster ({@link #startJoining}). Every applied command is recorded, so
 * {@link #assertConsistent()} can check that all members applied the same commands in the same order.
 *
 * <pre>{@code
 * try (TestCluster<String, Integer> cluster = TestCluster.builder(codec, id -> new WordTracker()).nodes(3).start()) {
 *     RaftNode<String, Integer> leader = cluster.awaitLeader();
 *     leader.submit("hello").join();
 *     cluster.isolate(leader.id());
 *     cluster.awaitLeaderAmong(cluster.othersThan(leader.id()));
 *     cluster.heal();
 *     cluster.awaitConvergence();
 * }
 * }</pre>
 *
 * @param <C> the command type
 * @param <R> the result type
 */
public final class TestCluster<C, R> implements AutoCloseable {
    /** How long the waiting methods wait by default. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(20);

    private final ClusterConfig config;
    private final InMemoryNetwork network;
    private final Codec<C> codec;
    private final IntFunction<? extends StateMachine<C, R>> stateMachines;
    private final IntFunction<? extends LogStorage> storages;
    private final long seed;
    /** Concurrent: test threads read the members while the test adds new ones. */
    private final ConcurrentSkipListMap<Integer, Member<C, R>> members = new ConcurrentSkipListMap<>();

    private TestCluster(Builder<C, R> b) {
        ClusterConfig.Builder cb = ClusterConfig.builder().electionTimeout(b.electionTimeout)
                .heartbeatInterval(b.heartbeatInterval).maxPendingCommands(b.maxPendingCommands)
                .snapshotEvery(b.snapshotEvery);
        for (int id = 1; id <= b.nodes; id++) {
            cb.member(id, "node-" + id, 7400 + id);
        }
        this.config = cb.build();
        this.network = InMemoryNetwork.builder().passByReference(b.passByReference).seed(b.seed).build();
        this.codec = b.codec;
        this.stateMachines = b.stateMachines;
        this.storages = b.storages;
        this.seed = b.seed;
        for (int id = 1; id <= b.nodes; id++) {
            Member<C, R> m = new Member<>(id, storages.apply(id), config, false);
            members.put(id, m);
            startMember(m);
        }
    }

    /** The address the test kit gives member {@code id} (the in-memory transport routes by id alone). */
    public static io.graft.api.config.Member addressOf(int id) {
        return new io.graft.api.config.Member(id, "node-" + id, 7400 + id);
    }

    /**
     * A builder for a cluster whose members run the state machines made by {@code stateMachines} (called with
     * the member id, again at every restart) and encode commands with {@code codec}.
     */
    public static <C, R> Builder<C, R> builder(Codec<C> codec, IntFunction<? extends StateMachine<C, R>> stateMachines) {
        return new Builder<>(codec, stateMachines);
    }

    private void startMember(Member<C, R> m) {
        m.incarnation++;
        m.stateMachine = new RecordingStateMachine<>(stateMachines.apply(m.id));
        m.node = Graft.node(m.config, m.id, m.stateMachine, codec)
                .transport(network.transport(m.id))
                .storage(m.storage)
                .randomSeed(seed * 1_000_003L + m.id * 101L + m.incarnation)
                .joining(m.joining)
                .start();
    }

    // ------------------------------------------------------------------ members

    /**
     * Starts a new member {@code id} with empty storage, joining the running cluster: it waits for the leader
     * and becomes part of the cluster once {@code addMember(TestCluster.addressOf(id))} (or {@code addLearner})
     * is called on the leader.
     */
    public RaftNode<C, R> startJoining(int id) {
        if (members.containsKey(id)) {
            throw new IllegalArgumentException("member " + id + " already exists");
        }
        ClusterConfig withNew = config.toBuilder().member(addressOf(id)).build();
        Member<C, R> m = new Member<>(id, storages.apply(id), withNew, true);
        startMember(m);
        members.put(id, m);
        return m.node;
    }

    /** The cluster's bootstrap configuration (member ids and timing). */
    public ClusterConfig config() {
        return config;
    }

    /** All member ids, ascending. */
    public List<Integer> memberIds() {
        return new ArrayList<>(members.keySet());
    }

    /** The member ids other than {@code ids}. */
    public Set<Integer> othersThan(int... ids) {
        Set<Integer> excluded = Arrays.stream(ids).boxed().collect(Collectors.toSet());
        return members.keySet().stream().filter(id -> !excluded.contains(id)).collect(Collectors.toSet());
    }

    /** The running node of member {@code id} (its latest incarnation). */
    public RaftNode<C, R> node(int id) {
        return member(id).node;
    }

    /** The state machine of member {@code id}'s latest incarnation. */
    public StateMachine<C, R> stateMachine(int id) {
        return member(id).stateMachine.delegate();
    }

    /** Whether member {@code id} is running (not crashed). */
    public boolean isRunning(int id) {
        return member(id).running;
    }

    /** The running members' nodes. */
    public List<RaftNode<C, R>> runningNodes() {
        return members.values().stream().filter(m -> m.running).map(m -> m.node).collect(Collectors.toList());
    }

    private Member<C, R> member(int id) {
        Member<C, R> m = members.get(id);
        if (m == null) {
            throw new IllegalArgumentException("no member " + id + "; members are " + members.keySet());
        }
        return m;
    }

    // ------------------------------------------------------------------ leaders

    /** The running member that is leader in the highest term, if any. */
    public Optional<RaftNode<C, R>> leader() {
        return runningNodes().stream().filter(n -> n.status().isLeader())
                .max(Comparator.comparingLong(n -> n.status().term()));
    }

    /** Waits until exactly one running member is leader, and returns it. */
    public RaftNode<C, R> awaitLeader() {
        return awaitLeaderAmong(members.keySet());
    }

    /**
     * Waits until exactly one of {@code ids} (running ones) is leader, in a term at least as high as every
     * other running member among them, and a majority of the cluster (counting the leader) follows it in
     * that term; returns it.
     */
    public RaftNode<C, R> awaitLeaderAmong(Set<Integer> ids) {
        RaftNode<C, R>[] found = new RaftNode[1];
        Waiter.until(() -> {
            List<RaftNode<C, R>> candidates = ids.stream().map(members::get).filter(m -> m.running)
                    .map(m -> m.node).collect(Collectors.toList());
            List<RaftNode<C, R>> leaders = candidates.stream().filter(n -> n.status().isLeader()).collect(Collectors.toList());
            if (leaders.size() != 1) {
                return false;
            }
            RaftNode<C, R> leader = leaders.get(0);
            long term = leader.status().term();
            if (candidates.stream().anyMatch(n -> n.status().term() > term)) {
                return false;
            }
            Membership membership = leader.membership();
            long followers = candidates.stream().filter(n -> membership.isVoter(n.id()) && n.status().term() == term
                    && n.status().leaderId() == leader.id()).count();
            if (followers < membership.voters().size() / 2 + 1) {
                return false;
            }
            found[0] = leaders.get(0);
            return true;
        }, DEFAULT_TIMEOUT, "a single leader among " + ids, this::describe);
        return found[0];
    }

    // ------------------------------------------------------------------ faults

    /** The network, for finer fault injection and its traffic counters. */
    public InMemoryNetwork network() {
        return network;
    }

    /** Cuts every link to and from member {@code id}. */
    public void isolate(int id) {
        network.isolate(id);
    }

    /** Restores member {@code id}'s links (other partitions stay). */
    public void reconnect(int id) {
        network.reconnect(id);
    }

    /** Splits the members into groups that can talk only within themselves. */
    @SafeVarargs
    public final void partition(Set<Integer>... groups) {
        network.partition(groups);
    }

    /** Restores every link and removes every partition. */
    public void heal() {
        network.heal();
    }

    /**
     * Makes the network unreliable: each message is dropped with probability {@code dropRate}, duplicated with
     * {@code duplicateRate}, and delayed uniformly up to {@code maxDelay} (which reorders messages).
     */
    public void unreliable(double dropRate, double duplicateRate, Duration maxDelay) {
        network.setDropRate(dropRate);
        network.setDuplicateRate(duplicateRate);
        network.setDelay(Duration.ZERO, maxDelay);
        network.setReorderRate(0.1);
    }

    /** Makes the network reliable again (partitions stay). */
    public void reliable() {
        network.reliable();
    }

    /** Member {@code id}'s traffic counters. */
    public NodeTrafficStats stats(int id) {
        return network.stats(id);
    }

    /**
     * Stops member {@code id} abruptly, as a crash would: its threads end, nothing more is sent, and only what
     * it had persisted survives for {@link #restart}.
     */
    public void crash(int id) {
        Member<C, R> m = member(id);
        if (!m.running) {
            throw new IllegalStateException("member " + id + " is not running");
        }
        m.running = false;
        if (m.node instanceof LocalRaftNode<C, R> local) {
            local.halt();
        } else {
            m.node.close();
        }
    }

    /**
     * Closes member {@code id} gracefully: a leader first hands leadership to another member. Like
     * {@link #crash}, only what it persisted survives for {@link #restart}.
     */
    public void stop(int id) {
        Member<C, R> m = member(id);
        if (!m.running) {
            throw new IllegalStateException("member " + id + " is not running");
        }
        m.node.close();
        m.running = false;
    }

    /** Starts a crashed member again from its persisted storage, with a fresh state machine. */
    public RaftNode<C, R> restart(int id) {
        Member<C, R> m = member(id);
        if (m.running) {
            throw new IllegalStateException("member " + id + " is running; crash it first");
        }
        startMember(m);
        m.running = true;
        return m.node;
    }

    /**
     * Starts a crashed member again with empty storage, as a replacement machine would: it has lost its log,
     * snapshots, term and vote, and must catch up from the leader (by snapshot if the log was compacted).
     * Only safe while a majority of the others keeps its state, as with a real disk replacement.
     */
    public RaftNode<C, R> restartWiped(int id) {
        Member<C, R> m = member(id);
        if (m.running) {
            throw new IllegalStateException("member " + id + " is running; crash it first");
        }
        m.storage.close();
        m.storage = storages.apply(id);
        return restart(id);
    }

    // ------------------------------------------------------------------ checks

    /** The commands member {@code id}'s current incarnation applied, in order. */
    public List<Applied<C>> applied(int id) {
        return member(id).stateMachine.applied();
    }

    /** The commands member {@code id}'s current incarnation applied, in order, without indexes. */
    public List<C> appliedCommands(int id) {
        return applied(id).stream().map(Applied::command).collect(Collectors.toList());
    }

    /** Waits until every running member has applied at least {@code count} commands. */
    public void awaitAppliedCount(int count) {
        Waiter.until(() -> members.values().stream().filter(m -> m.running).allMatch(m -> m.stateMachine.count() >= count),
                DEFAULT_TIMEOUT, "every running member to apply " + count + " commands", this::describe);
    }

    /**
     * Waits until every running member has applied everything the leader has committed, then checks that they
     * all applied the same commands in the same order.
     */
    public void awaitConvergence() {
        Waiter.until(() -> {
            Optional<RaftNode<C, R>> leader = leader();
            if (leader.isEmpty()) {
                return false;
            }
            long commit = leader.get().status().commitIndex();
            Membership membership = leader.get().membership();
            return runningNodes().stream().filter(n -> membership.contains(n.id()))
                    .allMatch(n -> n.status().appliedIndex() >= commit && n.status().commitIndex() >= commit);
        }, DEFAULT_TIMEOUT, "every running member of the leader's membership to apply its committed entries",
                this::describe);
        assertConsistent();
    }

    /**
     * Checks that all running members applied the same command at every log index they both applied
     * (members restored from a snapshot recorded only what came after it), comparing commands by their
     * encoding, and that each member applied its commands in increasing index order.
     *
     * @throws AssertionError describing the first difference
     */
    public void assertConsistent() {
        java.util.Map<Long, Applied<C>> reference = new java.util.HashMap<>();
        java.util.Map<Long, Integer> referenceMember = new java.util.HashMap<>();
        for (Member<C, R> m : members.values()) {
            if (!m.running) {
                continue;
            }
            long previous = 0;
            for (Applied<C> a : m.stateMachine.applied()) {
                if (a.index() <= previous) {
                    throw new AssertionError("member " + m.id + " applied index " + a.index() + " after " + previous);
                }
                previous = a.index();
                Applied<C> other = reference.putIfAbsent(a.index(), a);
                if (other != null && !Arrays.equals(codec.encode(other.command()), codec.encode(a.command()))) {
                    throw new AssertionError("members " + m.id + " and " + referenceMember.get(a.index())
                            + " applied different commands at index " + a.index() + ": " + a.command() + " vs "
                            + other.command());
                }
                referenceMember.putIfAbsent(a.index(), m.id);
            }
        }
    }

    /** A one-line description of every member, for failure messages. */
    public String describe() {
        StringBuilder s = new StringBuilder();
        for (Member<C, R> m : members.values()) {
            if (!m.running) {
                s.append("[").append(m.id).append(" crashed] ");
                continue;
            }
            NodeStatus st = m.node.status();
            s.append('[').append(m.id).append(' ').append(st.role() == Role.LEADER ? "LEADER" : st.role().name().toLowerCase())
                    .append(" t").append(st.term()).append(" last=").append(st.lastLogIndex())
                    .append(" commit=").append(st.commitIndex()).append(" applied=").append(st.appliedIndex())
                    .append(" cmds=").append(m.stateMachine.count()).append("] ");
        }
        return s.toString();
    }

    /** Stops every member (at once, without handing leadership over) and the network. */
    @Override
    public void close() {
        for (Member<C, R> m : members.values()) {
            if (m.running) {
                crash(m.id);
            }
            m.storage.close();
        }
        network.close();
    }

    private static final class Member<C, R> {
        final int id;
        final ClusterConfig config;
        final boolean joining;
        volatile LogStorage storage;
        volatile RaftNode<C, R> node;
        volatile RecordingStateMachine<C, R> stateMachine;
        volatile boolean running = true;
        int incarnation;

        Member(int id, LogStorage storage, ClusterConfig config, boolean joining) {
            this.id = id;
            this.storage = storage;
            this.config = config;
            this.joining = joining;
        }
    }

    /** Configures a {@link TestCluster}. */
    public static final class Builder<C, R> {
        private final Codec<C> codec;
        private final IntFunction<? extends StateMachine<C, R>> stateMachines;
        private IntFunction<? extends LogStorage> storages = id -> new MemoryLogStorage();
        private int nodes = 3;
        private Duration electionTimeout = Duration.ofMillis(100);
        private Duration heartbeatInterval = Duration.ofMillis(10);
        private boolean passByReference;
        private long seed = 42;
        private int maxPendingCommands = ClusterConfig.DEFAULT_MAX_PENDING_COMMANDS;
        private long snapshotEvery = ClusterConfig.DEFAULT_SNAPSHOT_EVERY;

        private Builder(Codec<C> codec, IntFunction<? extends StateMachine<C, R>> stateMachines) {
            this.codec = codec;
            this.stateMachines = stateMachines;
        }

        /** The number of members (default 3), with ids 1 to n. */
        public Builder<C, R> nodes(int n) {
            this.nodes = n;
            return this;
        }

        /** The minimum election timeout (default 100 ms, so fault tests run fast; each member waits 100-200 ms). */
        public Builder<C, R> electionTimeout(Duration d) {
            this.electionTimeout = d;
            return this;
        }

        /** The heartbeat interval (default 10 ms). */
        public Builder<C, R> heartbeatInterval(Duration d) {
            this.heartbeatInterval = d;
            return this;
        }

        /** Deliver message objects by reference instead of encoding them (faster; default off). */
        public Builder<C, R> passByReference(boolean on) {
            this.passByReference = on;
            return this;
        }

        /** The seed of the network's faults and the members' election jitter (default 42). */
        public Builder<C, R> seed(long s) {
            this.seed = s;
            return this;
        }

        /** How many commands may be pending per member. */
        public Builder<C, R> maxPendingCommands(int n) {
            this.maxPendingCommands = n;
            return this;
        }

        /** Take a snapshot every this many applied entries (for state machines that support them). */
        public Builder<C, R> snapshotEvery(long entries) {
            this.snapshotEvery = entries;
            return this;
        }

        /** Where each member keeps its log (default a memory log that survives crashes in this JVM). */
        public Builder<C, R> storage(IntFunction<? extends LogStorage> perMember) {
            this.storages = perMember;
            return this;
        }

        /** Starts the cluster. */
        public TestCluster<C, R> start() {
            return new TestCluster<>(this);
        }
    }
}
