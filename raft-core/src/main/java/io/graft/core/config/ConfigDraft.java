package io.graft.core.config;

import io.graft.api.config.ClusterConfig;

/**
 * What the loader has read so far: a {@link ClusterConfig.Builder} (which holds the defaults) plus the
 * values and lines that checks across keys need.
 */
final class ConfigDraft {
    final ClusterConfig.Builder builder = ClusterConfig.builder();
    long electionTimeoutMs = ClusterConfig.DEFAULT_ELECTION_TIMEOUT.toMillis();
    /** The line of {@code electionTimeout}, or 0 when it was left out. */
    int electionTimeoutLine;
    /** The heartbeat interval written, or {@code null} for the default. */
    Long heartbeatMs;
    int heartbeatLine;
    boolean hasMembers;
}
