package io.graft.core.internal.raft;

import io.graft.api.Role;
import io.graft.core.internal.protocol.Message;
import io.graft.core.storage.LogEntry;
import io.graft.core.storage.StoredState;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Predicate;

/**
 * A deterministic cluster of {@link RaftCore}s for tests: one simulated clock, a {@link SimNetwork} the test
 * controls message by message, and a {@link SimStorage} per member that plays each {@link Ready} the way the
 * real runtime must (send {@code messages} now; persist hard state and entries; then report
 * {@link RaftCore#persisted} and release {@code messagesAfterPersist}; apply {@code committed}).
 *
 * <p>Nothing happens unless the test asks: time moves only in {@link #advance}, {@link #timeout} and
 * {@link #runFor}; messages move only in the {@code deliver} methods. The same calls on the same seed always
 * give the same run. A {@link SafetyChecker} runs after every event, so any test doubles as a safety check.
 */
final class CoreCluster {
    /** Bound on deliveries in one {@link #deliverAll()}: more means a message storm, which is a bug. */
    private static final int MAX_DELIVERIES = 1_000_000;

    private final Map<Integer, SimNode> nodes = new LinkedHashMap<>();
    private final SimNetwork network = new SimNetwork();
    private final SafetyChecker checker = new SafetyChecker();
    private final Builder settings;
    private long now;

    private CoreCluster(Builder b) {
        this.settings = b;
        int[] voters = new int[b.size];
        Arrays.setAll(voters, i -> i + 1);
        for (int id : voters) {
            RaftConfig config = new RaftConfig(id, voters, b.electionTimeout, b.heartbeatInterval, b.maxEntriesPerMessage,
                    b.maxBytesPerMessage, b.maxInflight, b.preVote, b.checkQuorum);
            SimStorage storage = new SimStorage(b.stored.getOrDefault(id, StoredState.EMPTY));
            nodes.put(id, new SimNode(config, storage, new SplittableRandom(b.seed * 1_000_003L + id), now));
        }
    }

    /** A cluster of members 1..{@code size}; every setting has a default. */
    static Builder builder(int size) {
        return new Builder(size);
    }

    /** A cluster of members 1..{@code size} with default settings. */
    static CoreCluster of(int size) {
        return builder(size).build();
    }

    /** Settings of a {@link CoreCluster}. */
    static final class Builder {
        private final int size;
        private long seed = 1;
        private long electionTimeout = 100;
        private long heartbeatInterval = 10;
        private int maxEntriesPerMessage = 64;
        private long maxBytesPerMessage = 1 << 20;
        private int maxInflight = 8;
        private boolean preVote = true;
        private boolean checkQuorum = true;
        private final Map<Integer, StoredState> stored = new HashMap<>();

        private Builder(int size) {
            this.size = size;
        }

        Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        Builder timing(long electionTimeout, long heartbeatInterval) {
            this.electionTimeout = electionTimeout;
            this.heartbeatInterval = heartbeatInterval;
            return this;
        }

        Builder maxEntriesPerMessage(int max) {
            this.maxEntriesPerMessage = max;
            return this;
        }

        Builder maxInflight(int max) {
            this.maxInflight = max;
            return this;
        }

        Builder preVote(boolean on) {
            this.preVote = on;
            return this;
        }

        Builder checkQuorum(boolean on) {
            this.checkQuorum = on;
            return this;
        }

        /** What member {@code id} finds on its disk at start. */
        Builder stored(int id, StoredState state) {
            stored.put(id, state);
            return this;
        }

        CoreCluster build() {
            return new CoreCluster(this);
        }
    }

    /**
     * Starts a new member {@code id} with an empty disk that joins the running cluster: it has no membership
     * (so it neither campaigns nor counts votes) until the leader's log reaches it, and it is catching up (as
     * storage reports a member without data) until the leader confirms it.
     */
    SimNode addNode(int id) {
        if (nodes.containsKey(id)) {
            throw new IllegalArgumentException("member " + id + " exists");
        }
        Builder b = settings;
        RaftConfig config = new RaftConfig(id, new int[] {id}, b.electionTimeout, b.heartbeatInterval,
                b.maxEntriesPerMessage, b.maxBytesPerMessage, b.maxInflight, b.preVote, b.checkQuorum);
        SimNode n = new SimNode(config, io.graft.core.internal.protocol.ClusterMembership.EMPTY,
                new SimStorage(new StoredState(io.graft.core.storage.HardState.BLANK, List.of())),
                new SplittableRandom(b.seed * 1_000_003L + id), now);
        nodes.put(id, n);
        return n;
    }

    // ------------------------------------------------------------------ access

    SimNode node(int id) {
        SimNode n = nodes.get(id);
        if (n == null) {
            throw new IllegalArgumentException("no member " + id + "; members are " + nodes.keySet());
        }
        return n;
    }

    RaftCore core(int id) {
        return node(id).core();
    }

    Collection<SimNode> nodes() {
        return nodes.values();
    }

    SimNetwork network() {
        return network;
    }

    SafetyChecker checker() {
        return checker;
    }

    long now() {
        return now;
    }

    long electionTimeout() {
        return nodes.values().iterator().next().config().electionTimeout();
    }

    long heartbeatInterval() {
        return nodes.values().iterator().next().config().heartbeatInterval();
    }

    /** The running leader with the highest term, or {@code 0} if no member is leader. */
    int leaderId() {
        int leader = 0;
        long term = -1;
        for (SimNode n : nodes.values()) {
            if (n.isUp() && n.core().role() == Role.LEADER && n.core().term() > term) {
                leader = n.id();
                term = n.core().term();
            }
        }
        return leader;
    }

    // ------------------------------------------------------------------ time

    /** Moves the clock forward {@code millis}, ticking every running member at each millisecond. */
    void advance(long millis) {
        for (long i = 0; i < millis; i++) {
            now++;
            for (SimNode n : nodes.values()) {
                if (n.isUp()) {
                    n.core().tick(now);
                    pump(n);
                }
            }
        }
    }

    /**
     * Fires member {@code id}'s next timer, moving the clock to it if needed. Every other running member's
     * clock moves as close to that moment as it can without firing its own timer, so that directed tests
     * choose who times out while every member still agrees roughly on the time.
     */
    void timeout(int id) {
        SimNode n = node(id);
        now = Math.max(now, n.core().nextDeadline());
        for (SimNode other : nodes.values()) {
            if (other != n && other.isUp()) {
                // A core's deadline is always after its own time, so this never fires the timer.
                other.core().tick(Math.min(now, other.core().nextDeadline() - 1));
                pump(other);
            }
        }
        n.core().tick(now);
        pump(n);
    }

    /** Lets {@code millis} pass on a network that delivers everything within the millisecond it is sent. */
    void runFor(long millis) {
        for (long i = 0; i < millis; i++) {
            advance(1);
            deliverAll();
        }
    }

    /**
     * Makes {@code id} time out and delivers everything, a few times if a rejection taught it a newer term
     * first; asserts it won and returns its term.
     */
    long electLeader(int id) {
        RaftCore c = core(id);
        for (int attempt = 0; attempt < 5 && c.role() != Role.LEADER; attempt++) {
            timeout(id);
            deliverAll();
        }
        if (c.role() != Role.LEADER) {
            throw new AssertionError("member " + id + " did not win the election: " + this);
        }
        return c.term();
    }

    // ------------------------------------------------------------------ messages

    /** Hands {@code m} to its addressee now, unless it is down or the network loses it. */
    void deliver(Message m) {
        SimNode n = nodes.get(m.to());
        if (n == null || !n.isUp() || !network.passes(m)) {
            return;
        }
        n.core().step(m);
        pump(n);
    }

    /** Delivers the oldest message in flight; returns false if there was none. */
    boolean deliverNext() {
        if (network.size() == 0) {
            return false;
        }
        deliver(network.removeAt(0));
        return true;
    }

    /** Delivers the message at position {@code i} in flight (0 is the oldest). */
    void deliverAt(int i) {
        deliver(network.removeAt(i));
    }

    /** Delivers messages, oldest first, until none is in flight; returns how many. */
    int deliverAll() {
        int count = 0;
        while (deliverNext()) {
            if (++count > MAX_DELIVERIES) {
                throw new AssertionError("more than " + MAX_DELIVERIES + " deliveries without quiescence");
            }
        }
        return count;
    }

    /** Delivers, oldest first, the messages in flight that match (and those their delivery causes). */
    int deliverMatching(Predicate<? super Message> which) {
        int count = 0;
        List<Message> batch;
        while (!(batch = network.take(which)).isEmpty()) {
            for (Message m : batch) {
                deliver(m);
                if (++count > MAX_DELIVERIES) {
                    throw new AssertionError("more than " + MAX_DELIVERIES + " deliveries without quiescence");
                }
            }
        }
        return count;
    }

    /** Hands {@code m} to its addressee directly, bypassing the network (for crafted messages). */
    void step(Message m) {
        SimNode n = node(m.to());
        n.core().step(m);
        pump(n);
    }

    /** Cuts every link of member {@code id}. */
    void isolate(int id) {
        for (int other : nodes.keySet()) {
            if (other != id) {
                network.cut(id, other);
            }
        }
    }

    /** Cuts every link between members of different groups. */
    void partition(int[]... groups) {
        for (int a = 0; a < groups.length; a++) {
            for (int b = a + 1; b < groups.length; b++) {
                for (int x : groups[a]) {
                    for (int y : groups[b]) {
                        network.cut(x, y);
                    }
                }
            }
        }
    }

    void heal() {
        network.heal();
    }

    // ------------------------------------------------------------------ commands

    /** Proposes commands at member {@code id}; returns the first index, or -1 if it is not the leader. */
    long propose(int id, byte[]... payloads) {
        SimNode n = node(id);
        long first = n.core().propose(List.of(payloads));
        pump(n);
        return first;
    }

    /** Calls {@code action} on member {@code id}'s core and plays the Ready it causes; returns its result. */
    <T> T on(int id, java.util.function.Function<RaftCore, T> action) {
        SimNode n = node(id);
        T result = action.apply(n.core());
        pump(n);
        return result;
    }

    /** Proposes UTF-8 commands at member {@code id}, in one batch. */
    long propose(int id, String... commands) {
        byte[][] payloads = new byte[commands.length][];
        for (int i = 0; i < commands.length; i++) {
            payloads[i] = bytes(commands[i]);
        }
        return propose(id, payloads);
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** The commands (not no-ops) that member {@code id} applied, decoded as UTF-8. */
    List<String> appliedCommands(int id) {
        List<String> out = new ArrayList<>();
        for (LogEntry e : node(id).applied()) {
            if (e.type() == io.graft.core.storage.EntryType.COMMAND) {
                out.add(new String(e.payload(), StandardCharsets.UTF_8));
            }
        }
        return out;
    }

    // ------------------------------------------------------------------ storage and crashes

    /** Stops member {@code id}'s disk: its writes wait, and so do the messages that depend on them. */
    void pauseStorage(int id) {
        node(id).storage().paused(true);
    }

    /** Restarts member {@code id}'s disk and completes every waiting write. */
    void resumeStorage(int id) {
        SimNode n = node(id);
        n.storage().paused(false);
        if (n.isUp()) {
            flush(n);
            pump(n);
        }
    }

    /** Completes member {@code id}'s oldest waiting write, even while paused; returns false if none. */
    boolean syncOne(int id) {
        SimNode n = node(id);
        if (!n.isUp() || !n.storage().hasPending()) {
            return false;
        }
        syncOne(n);
        pump(n);
        return true;
    }

    /** Stops member {@code id}: its volatile state and unsynced writes are lost, its messages too. */
    void crash(int id) {
        node(id).crash();
        network.drop(m -> m.to() == id);
    }

    /** Starts member {@code id} again from its durable state. */
    void restart(int id) {
        SimNode n = node(id);
        n.restart(now);
        pump(n);
    }

    // ------------------------------------------------------------------ playing Readies

    private void pump(SimNode n) {
        while (n.isUp() && n.core().hasReady()) {
            Ready r = n.core().ready();
            n.recordReady(r);
            checker.onReady(n, r);
            for (Message m : r.messages()) {
                network.send(m);
            }
            n.storage().submit(new SimStorage.Write(r.hardState(), r.entries(), r.messagesAfterPersist()));
            for (LogEntry e : r.committed()) {
                LogEntry durable = n.storage().entry(e.index());
                if (!e.equals(durable)) {
                    throw new AssertionError("member " + n.id() + " was told to apply " + e + " but its disk holds " + durable);
                }
                checker.onApply(n, e, nodes.values());
                n.applied().add(e);
            }
            if (!n.storage().paused()) {
                flush(n);
            }
        }
        checker.afterEvent(nodes.values());
    }

    private void flush(SimNode n) {
        while (n.storage().hasPending()) {
            syncOne(n);
        }
    }

    private void syncOne(SimNode n) {
        SimStorage.Write w = n.storage().syncOne(n.applied().size());
        if (!w.entries().isEmpty()) {
            LogEntry last = w.entries().get(w.entries().size() - 1);
            n.core().persisted(last.index(), last.term());
        }
        for (Message m : w.afterPersist()) {
            checker.onRelease(n, m);
            network.send(m);
        }
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("t=" + now);
        for (SimNode n : nodes.values()) {
            sb.append("\n  ").append(n);
        }
        return sb.toString();
    }
}
