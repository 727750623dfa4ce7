package io.graft.bench.load;

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
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The members under test, all in this JVM, each replicating a {@link CountingStateMachine} of
 * {@code byte[]} commands (the built-in {@code bytes} codec). Built from a {@link ClusterConfig} the way an
 * embedding program builds it, so transports and logs are chosen by name and by {@code dataDir}.
 */
final class BenchCluster implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(BenchCluster.class);

    private final List<RaftNode<byte[], Void>> nodes = new ArrayList<>();
    private final List<CountingStateMachine> stateMachines = new ArrayList<>();
    private final AutoCloseable transportResources;
    private final Path dataDir;

    private BenchCluster(AutoCloseable transportResources, Path dataDir) {
        this.transportResources = transportResources;
        this.dataDir = dataDir;
    }

    /** Starts {@code settings.nodes()} members; they elect a leader on their own. */
    static BenchCluster start(LoadSettings settings) {
        Path dataDir = settings.durability().usesDisk() ? createDataDir(settings.dataDirParent()) : null;
        ClusterConfig.Builder builder = ClusterConfig.builder()
                .clusterId("graft-bench")
                .electionTimeout(Duration.ofMillis(settings.electionTimeoutMillis()))
                .codec("bytes")
                .snapshotEvery(settings.snapshotEvery())
                // Never refuse the load generator: it bounds what is in flight itself.
                .maxPendingCommands(Math.max(ClusterConfig.DEFAULT_MAX_PENDING_COMMANDS, 2 * settings.inFlight()));
        AutoCloseable transport = settings.transport().configure(builder, settings.nodes());
        settings.durability().configure(builder, dataDir);
        BenchCluster cluster = new BenchCluster(transport, dataDir);
        try {
            ClusterConfig config = builder.build();
            for (int id : config.memberIds()) {
                CountingStateMachine sm = new CountingStateMachine();
                cluster.stateMachines.add(sm);
                cluster.nodes.add(Graft.node(config, id, sm, BuiltinCodecs.bytes()).start());
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

    List<RaftNode<byte[], Void>> nodes() {
        return nodes;
    }

    /** Each member's applied state, in member order. */
    List<AppliedState> appliedStates() {
        List<AppliedState> states = new ArrayList<>();
        for (CountingStateMachine sm : stateMachines) {
            states.add(sm.state());
        }
        return states;
    }

    /**
     * The member that leads in the highest term, once one does.
     *
     * @throws TimeoutException if no member leads within {@code timeout}
     */
    RaftNode<byte[], Void> awaitLeader(Duration timeout) throws TimeoutException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            RaftNode<byte[], Void> best = null;
            long bestTerm = -1;
            for (RaftNode<byte[], Void> n : nodes) {
                var s = n.status();
                if (s.isLeader() && s.term() > bestTerm) {
                    best = n;
                    bestTerm = s.term();
                }
            }
            if (best != null) {
                return best;
            }
            Thread.sleep(1);
        }
        throw new TimeoutException("no leader was elected within " + timeout.toMillis() + " ms");
    }

    /**
     * Waits until every member applied the same commands as the leader's state machine.
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

    @Override
    public void close() {
        for (RaftNode<byte[], Void> n : nodes) {
            try {
                n.close();
            } catch (RuntimeException e) {
                LOG.warn("closing member {} failed: {}", n.id(), e.toString());
            }
        }
        try {
            transportResources.close();
        } catch (Exception e) {
            LOG.warn("closing the transport failed: {}", e.toString());
        }
        if (dataDir != null) {
            deleteRecursively(dataDir);
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
