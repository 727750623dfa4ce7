package io.graft.bench.load;

import io.graft.api.NodeStatus;
import io.graft.api.RaftNode;
import io.graft.api.config.ClusterConfig;
import io.graft.core.Graft;
import io.graft.core.codec.BuiltinCodecs;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The members under test, each replicating a {@link CountingStateMachine} of {@code byte[]} commands (the
 * built-in {@code bytes} codec). Built from a {@link ClusterConfig} the way an embedding program builds it,
 * so transports and logs are chosen by name and by {@code dataDir}. All members run in this JVM, except with
 * {@link TransportMode#childProcesses()}: then member {@value #LOCAL_MEMBER} runs here and every other member
 * in a child JVM of its own ({@link ChildMember}).
 */
final class BenchCluster implements AutoCloseable {
    /** The member that always runs in this JVM. */
    static final int LOCAL_MEMBER = 1;
    /** The cluster id every benchmark member uses. */
    static final String CLUSTER_ID = "graft-bench";
    /** The command codec every benchmark member uses. */
    static final String CODEC = "bytes";

    private static final Logger LOG = LoggerFactory.getLogger(BenchCluster.class);
    /** A JVM start plus a member start, on a busy 2-core machine. */
    private static final Duration CHILD_START_TIMEOUT = Duration.ofSeconds(60);

    private final ClusterConfig config;
    private final List<RaftNode<byte[], Void>> nodes = new ArrayList<>();
    private final Map<Integer, CountingStateMachine> stateMachines = new TreeMap<>();
    private final Map<Integer, ChildMember> children = new TreeMap<>();
    private final AutoCloseable transportResources;
    private final Path dataDir;
    private final BenchMetrics metrics;

    private BenchCluster(ClusterConfig config, AutoCloseable transportResources, Path dataDir, BenchMetrics metrics) {
        this.config = config;
        this.transportResources = transportResources;
        this.dataDir = dataDir;
        this.metrics = metrics;
    }

    /** Starts {@code settings.nodes()} members; they elect a leader on their own. */
    static BenchCluster start(LoadSettings settings) {
        Path dataDir = settings.durability().usesDisk() ? createDataDir(settings.dataDirParent()) : null;
        ClusterConfig.Builder builder = ClusterConfig.builder()
                .clusterId(CLUSTER_ID)
                .electionTimeout(Duration.ofMillis(settings.electionTimeoutMillis()))
                .codec(CODEC)
                .snapshotEvery(settings.snapshotEvery())
                // Never refuse the load generator: it bounds what is in flight itself.
                .maxPendingCommands(Math.max(ClusterConfig.DEFAULT_MAX_PENDING_COMMANDS, 2 * settings.inFlight()));
        AutoCloseable transport = settings.transport().configure(builder, settings.nodes());
        settings.durability().configure(builder, dataDir);
        ClusterConfig config;
        try {
            config = builder.build();
        } catch (RuntimeException e) {
            closeQuietly(transport);
            throw e;
        }
        BenchCluster cluster = new BenchCluster(config, transport, dataDir, BenchMetrics.start(settings.metrics()));
        try {
            boolean childProcesses = settings.transport().childProcesses();
            // Children first: their JVMs start while this one starts its member.
            for (int id : config.memberIds()) {
                if (childProcesses && id != LOCAL_MEMBER) {
                    cluster.children.put(id, ChildMember.spawn(ChildSpec.of(config, id, settings.metrics())));
                }
            }
            for (int id : config.memberIds()) {
                if (!cluster.children.containsKey(id)) {
                    CountingStateMachine sm = new CountingStateMachine();
                    cluster.stateMachines.put(id, sm);
                    cluster.nodes.add(cluster.metrics.bind(Graft.node(config, id, sm, BuiltinCodecs.bytes())
                            .resultCodec(NoResultCodec.INSTANCE)).start());
                }
            }
            for (ChildMember child : cluster.children.values()) {
                child.awaitReady(CHILD_START_TIMEOUT);
            }
            return cluster;
        } catch (RuntimeException e) {
            cluster.close();
            throw e;
        }
    }

    private static Path createDataDir(Path parent) {
        try {
            if (parent != null) {
                Files.createDirectories(parent);
                return Files.createTempDirectory(parent, "graft-bench-");
            }
            return Files.createTempDirectory("graft-bench-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a data directory for the benchmark (under "
                    + (parent != null ? parent : System.getProperty("java.io.tmpdir")) + "): " + e.getMessage(), e);
        }
    }

    /** The configuration every member was started with (remote clients connect with it too). */
    ClusterConfig config() {
        return config;
    }

    /** The members running in this JVM. */
    List<RaftNode<byte[], Void>> nodes() {
        return nodes;
    }

    /** Each member's applied state, in member order, asking child processes for theirs. */
    List<AppliedState> appliedStates() {
        List<AppliedState> states = new ArrayList<>();
        for (int id : config.memberIds()) {
            ChildMember child = children.get(id);
            states.add(child != null ? child.state() : stateMachines.get(id).state());
        }
        return states;
    }

    /** Each child process's resource use so far, by member id; empty when every member runs in this JVM. */
    Map<Integer, ChildUsage> childUsage() {
        Map<Integer, ChildUsage> usage = new TreeMap<>();
        children.forEach((id, child) -> usage.put(id, child.usage()));
        return usage;
    }

    /**
     * The member of this JVM that leads in the highest term, once one does. With child processes that is
     * member {@value #LOCAL_MEMBER}: while a child leads, it is asked to hand leadership over.
     *
     * @throws TimeoutException if no member of this JVM leads within {@code timeout}
     */
    RaftNode<byte[], Void> awaitLocalLeader(Duration timeout) throws TimeoutException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        long askEvery = config.electionTimeout().toNanos();
        long lastAsked = System.nanoTime() - askEvery;
        while (System.nanoTime() < deadline) {
            Optional<RaftNode<byte[], Void>> local = localLeader();
            if (local.isPresent()) {
                return local.get();
            }
            ChildMember leader = children.get(knownLeaderId());
            if (leader != null && System.nanoTime() - lastAsked >= askEvery) {
                lastAsked = System.nanoTime();
                Optional<String> refused = leader.transferLeadership(LOCAL_MEMBER,
                        ChildProtocol.transferWait(config.electionTimeout()));
                if (refused.isPresent()) {
                    LOG.debug("member {} did not hand leadership to member {}: {}", leader.memberId(), LOCAL_MEMBER,
                            refused.get());
                } else {
                    LOG.info("member {} handed leadership to member {} (in this JVM)", leader.memberId(), LOCAL_MEMBER);
                }
            }
            Thread.sleep(1);
        }
        throw new TimeoutException(children.isEmpty()
                ? "no leader was elected within " + timeout.toMillis() + " ms"
                : "member " + LOCAL_MEMBER + " (in this JVM) did not become the leader within " + timeout.toMillis()
                        + " ms; --submit node needs the leader in this JVM (--submit client does not)");
    }

    /**
     * The id of the leader as the members of this JVM know it, once they know one.
     *
     * @throws TimeoutException if they know of no leader within {@code timeout}
     */
    int awaitLeaderId(Duration timeout) throws TimeoutException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            int leader = knownLeaderId();
            if (leader != 0) {
                return leader;
            }
            Thread.sleep(1);
        }
        throw new TimeoutException("no leader was elected within " + timeout.toMillis() + " ms");
    }

    /** The leader the members of this JVM know of (the one of the highest term), or {@code 0}. */
    int knownLeaderId() {
        int leader = 0;
        long term = -1;
        for (RaftNode<byte[], Void> n : nodes) {
            NodeStatus s = n.status();
            if (s.leaderId() != 0 && s.term() > term) {
                leader = s.leaderId();
                term = s.term();
            }
        }
        return leader;
    }

    private Optional<RaftNode<byte[], Void>> localLeader() {
        RaftNode<byte[], Void> best = null;
        long bestTerm = -1;
        for (RaftNode<byte[], Void> n : nodes) {
            NodeStatus s = n.status();
            if (s.isLeader() && s.term() > bestTerm) {
                best = n;
                bestTerm = s.term();
            }
        }
        return Optional.ofNullable(best);
    }

    /**
     * Waits until every member applied the same commands as the first one.
     *
     * @return whether they did within {@code timeout}
     */
    boolean awaitConvergence(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            List<AppliedState> states = appliedStates();
            if (states.stream().allMatch(s -> s.sameCommandsAs(states.get(0)))) {
                return true;
            }
            Thread.sleep(5);
        }
        return false;
    }

    /** Closes the members of this JVM, then stops every child process (killing any that does not exit). */
    @Override
    public void close() {
        for (RaftNode<byte[], Void> n : nodes) {
            try {
                n.close();
            } catch (RuntimeException e) {
                LOG.warn("closing member {} failed: {}", n.id(), e.toString());
            }
        }
        children.values().forEach(ChildMember::requestExit);
        children.values().forEach(ChildMember::awaitExit);
        metrics.close();
        closeQuietly(transportResources);
        if (dataDir != null) {
            deleteRecursively(dataDir);
        }
    }

    private static void closeQuietly(AutoCloseable resources) {
        try {
            resources.close();
        } catch (Exception e) {
            LOG.warn("closing the transport failed: {}", e.toString());
        }
    }

    private static void deleteRecursively(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            LOG.warn("could not delete the benchmark's data directory {}: {}", dir, e.toString());
        }
    }
}
