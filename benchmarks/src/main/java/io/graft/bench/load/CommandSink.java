package io.graft.bench.load;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;

/**
 * Where the load generator's commands go: the leader's {@code RaftNode.submit} ({@link NodeSink}) or a remote
 * client ({@link ClientSink}). Used by the submitting thread only.
 */
interface CommandSink extends AutoCloseable {
    /** How long to wait for a leader, before the run and after a leader change. */
    Duration LEADER_WAIT = Duration.ofSeconds(30);

    /**
     * A sink of {@code settings.submit()} kind for {@code cluster}, ready once a leader is known (for the
     * node API: once a member of this JVM leads), so that the warm-up does not include the election.
     *
     * @throws io.graft.api.config.ConfigurationException if the transport cannot serve this kind of sink
     * @throws BenchClusterException if no usable leader appears in time
     */
    static CommandSink open(LoadSettings settings, BenchCluster cluster) throws InterruptedException {
        try {
            return settings.submit() == SubmitMode.CLIENT
                    ? ClientSink.open(cluster, settings.inFlight())
                    : NodeSink.open(cluster);
        } catch (TimeoutException e) {
            throw new BenchClusterException(e.getMessage(), e);
        }
    }

    /** Submits one command (the array may be reused once this returns); the future completes with its outcome. */
    CompletableFuture<?> submit(byte[] command);

    /**
     * Called after an outcome suggesting that the leader changed; finds the current one.
     *
     * @return whether commands now go to another member
     * @throws TimeoutException if there is no leader to follow
     */
    boolean followLeader() throws TimeoutException, InterruptedException;

    /** Releases what the sink holds (a remote client's connections); the cluster stays up. */
    @Override
    void close();
}
