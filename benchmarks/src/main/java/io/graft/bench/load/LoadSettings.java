package io.graft.bench.load;

import io.graft.api.config.ClusterConfig;
import java.nio.file.Path;

/**
 * One load-generator run.
 *
 * @param nodes cluster size (all members in this JVM, except with {@link TransportMode#ZEROMQ_PROCESS})
 * @param transport how members talk
 * @param submit how commands reach the cluster: the leader's node API, or a remote client
 * @param durability where members keep their logs
 * @param commandBytes the size of each command (at least 8: the sequence number)
 * @param inFlight how many commands may await their outcome at once (a closed loop: a new command is
 *                 submitted only when one completes)
 * @param warmupSeconds seconds of load before measuring (JIT compilation, heap sizing)
 * @param measureSeconds seconds measured
 * @param electionTimeoutMillis the members' election timeout (heartbeats every tenth of it)
 * @param snapshotEvery entries applied between snapshots; the log before a snapshot is dropped from memory,
 *                      so this bounds the live heap the garbage collector copies
 * @param dataDirParent where file logs go (a fresh directory inside it, deleted afterwards); {@code null}
 *                      for the system's temporary directory
 * @param metrics whether every member records Micrometer meters, and into which registry
 */
public record LoadSettings(int nodes, TransportMode transport, SubmitMode submit, Durability durability,
                           int commandBytes, int inFlight, int warmupSeconds, int measureSeconds,
                           int electionTimeoutMillis, long snapshotEvery, Path dataDirParent,
                           MetricsMode metrics) {

    public LoadSettings {
        require(nodes >= 1, "--nodes must be at least 1, got " + nodes);
        require(transport != null && submit != null && durability != null && metrics != null,
                "transport, submit, durability and metrics are required");
        require(commandBytes >= Commands.MIN_SIZE, "--command-bytes must be at least " + Commands.MIN_SIZE
                + " (the sequence number), got " + commandBytes);
        require(inFlight >= 1, "--in-flight must be at least 1, got " + inFlight);
        require(warmupSeconds >= 0, "--warmup must not be negative, got " + warmupSeconds);
        require(measureSeconds >= 1, "--measure must be at least 1 second, got " + measureSeconds);
        require(electionTimeoutMillis >= 2, "--election-timeout must be at least 2 ms, got " + electionTimeoutMillis);
        require(snapshotEvery >= 1, "--snapshot-every must be at least 1, got " + snapshotEvery);
    }

    /** The figures the targets are stated for: 3 members, 16-byte commands, 20 s warm-up, 10 s measured. */
    public static LoadSettings defaults() {
        return new LoadSettings(3, TransportMode.INMEMORY_REF, SubmitMode.NODE, Durability.MEMORY, 16, 256, 20, 10,
                1000, ClusterConfig.DEFAULT_SNAPSHOT_EVERY, null, MetricsMode.NONE);
    }

    private static void require(boolean ok, String problem) {
        if (!ok) {
            throw new IllegalArgumentException(problem);
        }
    }
}
