package io.graft.api.metrics;

import io.graft.api.RaftNode;
import io.graft.api.transport.Transport;

/**
 * Measurements a member hands over as it works, for a metrics library to record (the
 * {@code graft-metrics-micrometer} module binds them to Micrometer meters). Everything else worth measuring is
 * read when asked for: {@link RaftNode#status()}, the member's report, its events, and the transport's
 * {@link TransportMetrics} when it offers them.
 *
 * <p>Methods are called on the member's own threads, some on hot paths (once per command): keep them cheap and
 * never block. Every method has an empty default; {@link #NONE} records nothing.
 */
public interface MetricsRecorder {

    /** Records nothing. */
    MetricsRecorder NONE = new MetricsRecorder() {
    };

    /**
     * The member is starting: called once, before any other method and before its threads run (so a listener
     * added here sees its first events). A recorder that reads gauges keeps the node and the transport.
     */
    default void started(RaftNode<?, ?> node, Transport transport) {
    }

    /**
     * A command submitted on this member was answered: the time from {@code submit} to its result (or failure).
     *
     * @param nanos the latency
     * @param applied whether it was applied (its future completed with the state machine's result or the
     *                exception {@code apply} threw) rather than refused or left with an unknown outcome
     */
    default void commandCompleted(long nanos, boolean applied) {
    }

    /** A command was refused before it reached the log because too many were pending. */
    default void commandOverloaded() {
    }

    /**
     * The storage thread made a batch of writes durable (one group commit).
     *
     * @param nanos how long the write and its fsync took
     * @param entries how many log entries the batch held
     * @param bytes their encoded size
     */
    default void logSynced(long nanos, int entries, long bytes) {
    }

    /** The number of remote client sessions the state machine's session table holds changed. */
    default void clientSessions(int count) {
    }

    /** The member stopped (closed, or by itself); called once, last. */
    default void stopped() {
    }
}
