package io.graft.testkit;

import io.graft.api.Codec;
import io.graft.api.Membership;
import io.graft.api.NodeStatus;
import io.graft.api.RaftNode;
import io.graft.api.Role;
import io.graft.api.StateMachine;
import io.graft.api.config.ClusterConfig;
import io.graft.core.Graft;
import io.graft.core.client.GraftClient;
import io.graft.core.storage.LogStorage;
import io.graft.core.storage.MemoryLogStorage;
import io.graft.core.storage.file.FileLogOptions;
import io.graft.core.storage.file.FileLogStorage;
import io.graft.transport.inmemory.InMemoryNetwork;
import io.graft.transport.inmemory.NodeTrafficStats;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
 * <p>By default each member keeps its log in a {@link MemoryLogStorage} that survives its crashes in this JVM;
 * {@link Builder#fileStorage(Path)} gives each member the production file log in its own directory instead,
 * re-opened from disk at every restart. {@link #crash}, {@link #restart} and the fault methods may be called
 * from any thread (for example a nemesis thread while clients write).
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
    /** The cluster id recorded in the data directories made by {@link Builder#fileStorage(Path)}. */
    public static final String FILE_CLUSTER_ID = "testcluster";

    /** How long the waiting methods wait by default. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(20);

    private final ClusterConfig config;
    private final InMemoryNetwork network;
    private final Codec<C> codec;
    private final Codec<R> resultCodec;
    private final IntFunction<? extends StateMachine<C, R>> stateMachines;
    /** Gives a member its storage at each start: a new file log, or the same memory log as before. */
    private final IntFunction<? extends LogStorage> storageAtStart;
    /** Storages kept across restarts (memory mode), and how to make a fresh one for a wiped member. */
    private final Map<Integer, LogStorage> kept = new java.util.concurrent.ConcurrentHashMap<>();
    private final IntFunction<? extends LogStorage> freshKeptStorage;
    private final Optional<Path> fileRoot;
    private final long seed;
    /** Concurrent: test threads read the members while the test adds new ones. */
    private final ConcurrentSkipListMap<Integer, Member<C, R>> members = new ConcurrentSkipListMap<>();

    private TestCluster(Builder<C, R> b) {
        ClusterConfig.Builder cb = ClusterConfig.builder().electionTimeout(b.electionTimeout)
                .heartbeatInterval(b.heartbeatInterval).maxPendingCommands(b.maxPendingCommands)
                .snapshotEvery(b.snapshotEvery).sessionTimeout(b.sessionTimeout);
        for (int id = 1; id <= b.nodes; id++) {
            cb.member(id, "node-" + id, 7400 + id);
        }
        this.config = cb.build();
        this.network = InMemoryNetwork.builder().passByReference(b.passByReference).seed(b.seed).build();
        this.codec = b.codec;
        this.resultCodec = b.resultCodec;
        this.stateMachines = b.stateMachines;
        this.seed = b.seed;
        this.fileRoot = Optional.ofNullable(b.fileRoot);
        this.freshKeptStorage = b.storageAtStart == null ? b.keptStorages : null;
        if (b.storageAtStart != null) {
            this.storageAtStart = b.storageAtStart;
        } else {
            for (int id = 1; id <= b.nodes; id++) {
                // The test kit creates this cluster: its first members' memory logs start as bootstrapped.
                kept.put(id, b.defaultMemoryStorage ? MemoryLogStorage.forNewCluster() : b.keptStorages.apply(id));
            }
            IntFunction<? extends LogStorage> fresh = b.keptStorages;
            this.storageAtStart = id -> kept.computeIfAbsent(id, fresh::apply); // Joining members get one too.
        }
        for (int id = 1; id <= b.nodes; id++) {
            Member<C, R> m = new Member<>(id, config, false);
            members.put(id, m);
        }
        try {
            for (Member<C, R> m : members.values()) {
                startMember(m);
                m.running = true;
            }
        } catch (RuntimeException | Error e) {
            close();
            throw e;
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
        m.clock.thaw(); // A restarted member is not paused.
        m.stateMachine = new RecordingStateMachine<>(stateMachines.apply(m.id));
        LogStorage storage = storageAtStart.apply(m.id);
        m.storage = storage;
        try {
            m.node = Graft.node(m.config, m.id, m.stateMachine, codec)
                    .resultCodec(resultCodec)
                    .transport(network.transport(m.id))
                    .storage(storage)
                    .randomSeed(seed * 1_000_003L + m.id * 101L + m.incarnation)
                    .joining(m.joining)
                    .clock(m.clock)
                    .start();
        } catch (RuntimeException | Error e) {
            // The node never took the storage over: release it (a file log's directory lock) here.
            try {
                storage.close();
            } catch (RuntimeException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
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
        Member<C, R> m = new Member<>(id, withNew, true);
        startMember(m);
        m.running = true;
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

    /**
     * Member {@code id}'s data directory when the cluster uses {@link Builder#fileStorage(Path)} (it holds the
     * member's file log; locked while the member runs), else empty.
     */
    public Optional<Path> dataDirectory(int id) {
        member(id);
        return fileRoot.map(root -> memberDirectory(root, id));
    }

    private static Path memberDirectory(Path root, int id) {
        return root.resolve("member-" + id);
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

    /**
     * A remote client of this cluster over the in-memory network (members need a result codec: see
     * {@link Builder#resultCodec}). Close it after use.
     */
    public GraftClient.Builder<C, R> client() {
        return GraftClient.builder(config, codec, resultCodec).transport(network.clientTransport());
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
     * Freezes member {@code id} as a stop-the-world pause would (a long GC, a suspended VM): its clock stands
     * still, so it neither times out nor sends heartbeats, and its links are cut, so no message reaches it or
     * leaves it. Its threads keep running, so calls on its node handle are still accepted, but whatever they
     * would send is lost. {@link #resume} ends the pause.
     */
    public void pause(int id) {
        Member<C, R> m = member(id);
        if (!m.running) {
            throw new IllegalStateException("member " + id + " is not running");
        }
        m.clock.freeze();
        network.isolate(id);
    }

    /**
     * Ends a {@link #pause}: the member's clock jumps ahead by the length of the pause, as a monotonic clock does
     * after a GC pause, so its timers are all overdue at once; then its links are restored (partitions made by
     * the test stay).
     */
    public void resume(int id) {
        Member<C, R> m = member(id);
        if (!m.clock.isFrozen()) {
            throw new IllegalStateException("member " + id + " is not paused");
        }
        m.clock.thaw();
        network.reconnect(id);
    }

    /**
     * Stops member {@code id} abruptly, as a crash would: its threads end, nothing more is sent, and only what
     * it had persisted survives for {@link #restart}. A file log is closed, releasing its directory lock.
     * Writes the member made to the OS but had not synced also survive, as they would a process crash (not
     * a power loss).
     */
    public synchronized void crash(int id) {
        Member<C, R> m = member(id);
        if (!m.running) {
            throw new IllegalStateException("member " + id + " is not running");
        }
        m.running = false;
        m.node.halt();
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

    /**
     * Starts a crashed member again from its persisted storage (a file log is opened and loaded anew), with a
     * fresh state machine.
     */
    public synchronized RaftNode<C, R> restart(int id) {
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
        if (fileRoot.isPresent()) {
            deleteRecursively(memberDirectory(fileRoot.get(), id));
        } else if (freshKeptStorage != null) {
            kept.put(id, freshKeptStorage.apply(id));
        } else {
            throw new UnsupportedOperationException("cannot wipe a member whose storage the test supplies");
        }
        return restart(id);
    }

    private static void deleteRecursively(Path dir) {
        try (java.util.stream.Stream<Path> files = java.nio.file.Files.walk(dir)) {
            for (Path p : (Iterable<Path>) files.sorted(Comparator.reverseOrder())::iterator) {
                java.nio.file.Files.deleteIfExists(p);
            }
        } catch (java.nio.file.NoSuchFileException e) {
            // Nothing to wipe.
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot wipe " + dir, e);
        }
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
     * Waits until no running member is catching up: members that started without data (every member of a new
     * cluster on file storage) have been confirmed by a leader. Until then, a new cluster whose leader crashes
     * may need that leader back before it elects another (see the operations guide, "Members that start without
     * data"); tests that crash a leader of a new cluster on purpose wait for this first.
     */
    public void awaitCaughtUp() {
        Waiter.until(() -> runningNodes().stream().noneMatch(n -> n.status().catchingUp()), DEFAULT_TIMEOUT,
                "every running member to be confirmed caught up (none catching up)", this::describe);
    }

    /**
     * Waits until every running member of the leader's membership has applied everything the leader has
     * committed, then checks that they all applied the same commands in the same order.
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

    /** Stops every member at once (no leadership hand-over), closes their storage and stops the network. */
    @Override
    public synchronized void close() {
        RuntimeException failure = null;
        for (Member<C, R> m : members.values()) {
            try {
                if (m.running) {
                    crash(m.id);
                }
                if (m.storage != null) {
                    m.storage.close(); // The node closed it already; a kept memory log is closed only here.
                }
            } catch (RuntimeException e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        network.close();
        if (failure != null) {
            throw failure;
        }
    }

    /** One member across its incarnations; fields are volatile because clients read them while a nemesis crashes. */
    private static final class Member<C, R> {
        final int id;
        final ClusterConfig config;
        final boolean joining;
        /** Kept across restarts, so that a paused member's clock can be found; thawed at every start. */
        final PausableClock clock = new PausableClock();
        volatile LogStorage storage;
        volatile RaftNode<C, R> node;
        volatile RecordingStateMachine<C, R> stateMachine;
        volatile boolean running;
        int incarnation;

        Member(int id, ClusterConfig config, boolean joining) {
            this.id = id;
            this.config = config;
            this.joining = joining;
        }
    }

    /** Configures a {@link TestCluster}. */
    public static final class Builder<C, R> {
        private final Codec<C> codec;
        private Codec<R> resultCodec;
        private final IntFunction<? extends StateMachine<C, R>> stateMachines;
        private IntFunction<? extends LogStorage> keptStorages = id -> new MemoryLogStorage();
        private boolean defaultMemoryStorage = true;
        private IntFunction<? extends LogStorage> storageAtStart;
        private Path fileRoot;
        private int nodes = 3;
        private Duration electionTimeout = Duration.ofMillis(100);
        private Duration heartbeatInterval = Duration.ofMillis(10);
        private boolean passByReference;
        private long seed = 42;
        private int maxPendingCommands = ClusterConfig.DEFAULT_MAX_PENDING_COMMANDS;
        private long snapshotEvery = ClusterConfig.DEFAULT_SNAPSHOT_EVERY;
        private Duration sessionTimeout = ClusterConfig.DEFAULT_SESSION_TIMEOUT;

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

        /** The codec of results, which members need to answer remote clients. */
        public Builder<C, R> resultCodec(Codec<R> c) {
            this.resultCodec = c;
            return this;
        }

        /** Take a snapshot every this many applied entries (for state machines that support them). */
        public Builder<C, R> snapshotEvery(long entries) {
            this.snapshotEvery = entries;
            return this;
        }

        /** How long a remote client's session may stay idle before the members forget it (default 10 minutes). */
        public Builder<C, R> sessionTimeout(Duration d) {
            this.sessionTimeout = d;
            return this;
        }

        /**
         * Where each member keeps its log: {@code perMember} is called once per member, and that storage is
         * kept across the member's crashes and restarts (default: a {@link MemoryLogStorage}).
         */
        public Builder<C, R> storage(IntFunction<? extends LogStorage> perMember) {
            this.keptStorages = perMember;
            this.defaultMemoryStorage = false;
            this.storageAtStart = null;
            this.fileRoot = null;
            return this;
        }

        /**
         * Opens each member's log anew at every start: {@code openForMember} is called with the member id when
         * it starts and at each restart, and the node closes that storage when it crashes. Use it for storage
         * that lives outside the JVM, like a file log re-read from disk.
         */
        public Builder<C, R> storageAtEachStart(IntFunction<? extends LogStorage> openForMember) {
            this.storageAtStart = openForMember;
            this.fileRoot = null;
            return this;
        }

        /**
         * Gives each member the production {@link FileLogStorage} in {@code root/member-<id>}, cluster id
         * {@value TestCluster#FILE_CLUSTER_ID}, with default options (fsync on, 64 MiB segments). The log is
         * opened and loaded from disk at every start, so a restart proves what the member really persisted.
         */
        public Builder<C, R> fileStorage(Path root) {
            return fileStorage(root, id -> FileLogOptions.of(FILE_CLUSTER_ID, id));
        }

        /**
         * Like {@link #fileStorage(Path)}, with the options {@code options} gives for each member id; for
         * example {@code id -> FileLogOptions.of(TestCluster.FILE_CLUSTER_ID, id).withFsync(false)} (safe
         * enough for crashes inside one JVM, which keep the OS page cache; not for measurements or power loss)
         * or a small segment size, so that tests cross segment boundaries.
         */
        public Builder<C, R> fileStorage(Path root, IntFunction<FileLogOptions> options) {
            storageAtEachStart(id -> FileLogStorage.open(memberDirectory(root, id), options.apply(id)));
            this.fileRoot = root;
            return this;
        }

        /** Starts the cluster. */
        public TestCluster<C, R> start() {
            return new TestCluster<>(this);
        }
    }
}
