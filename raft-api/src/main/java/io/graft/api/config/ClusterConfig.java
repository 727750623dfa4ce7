package io.graft.api.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A cluster's description: its members, timing, and the plug-ins each node uses. Usually loaded from YAML
 * (see the core's {@code ClusterConfigLoader}); built in code with {@link #builder()}.
 *
 * @param members member id to member, in id order
 * @param electionTimeout the minimum election timeout; each node waits a random time in
 *                        {@code [electionTimeout, 2 * electionTimeout)} before campaigning
 * @param heartbeatInterval how often a leader sends heartbeats; well below the election timeout
 * @param transport the name of the transport (found through {@code TransportProvider}), e.g. {@code inmemory}
 * @param codec the name of the codec for commands and results (found through {@code CodecProvider})
 * @param stateMachine the name of the state machine (found through {@code StateMachineProvider}), used by
 *                     the generic launcher; embedding programs pass an instance instead
 * @param dataDir where the node keeps its log; empty for a memory-only log that a restart forgets
 * @param maxPendingCommands how many submitted commands may await commit before {@code submit} refuses more
 * @param transportOptions settings for the transport
 * @param codecOptions settings for the codec
 * @param stateMachineOptions settings for the state machine
 * @param clusterId a name for this cluster, recorded in each data directory so that a directory written by
 *                  another cluster is refused
 * @param fsync whether the file log forces every write to disk before acknowledging it (default true);
 *              turning it off means acknowledged writes can be lost if a majority loses power at once
 * @param snapshotEvery take a snapshot after this many applied entries; the log it covers is then deleted, except
 *                      the last {@code snapshotLogRetention} entries
 * @param sessionTimeout how long a remote client's session may stay idle before the cluster forgets it (and
 *                       with it the replies that make retries exactly-once); measured by the leaders' clocks as
 *                       recorded in the log, so every member must be given the same value
 * @param snapshotLogRetention how many of the entries a snapshot covers a member keeps when it takes the snapshot
 *                             (default {@value #DEFAULT_SNAPSHOT_LOG_RETENTION}; 0 or more): the leader sends those
 *                             to a follower slightly behind instead of the whole snapshot. Kept in memory and in the
 *                             log; the file log deletes whole segments only, so on disk it may keep up to a segment
 *                             more. A snapshot received from a leader replaces the log it covers entirely.
 */
public record ClusterConfig(SortedMap<Integer, Member> members, Duration electionTimeout,
                            Duration heartbeatInterval, String transport, String codec, String stateMachine,
                            Optional<Path> dataDir, int maxPendingCommands, Options transportOptions,
                            Options codecOptions, Options stateMachineOptions, String clusterId, boolean fsync,
                            long snapshotEvery, Duration sessionTimeout, long snapshotLogRetention) {

    /** The election timeout our first users' YAML files assume when they leave it out. */
    public static final Duration DEFAULT_ELECTION_TIMEOUT = Duration.ofMillis(150);
    /** The default number of commands that may be pending at once. */
    public static final int DEFAULT_MAX_PENDING_COMMANDS = 65_536;
    /**
     * The default number of applied entries between snapshots. Every member keeps the entries since its last
     * snapshot in memory, and each young garbage collection copies the ones still there; at 100,000 those copies
     * made G1 grow the heap of three busy members in one JVM past 600 MB, at 10,000 it stayed near 320 MB, for some
     * throughput when snapshots are frequent (docs/performance.md). etcd came to the same default for the same reason. A state machine
     * whose snapshot is costly to capture may want a larger value.
     */
    public static final long DEFAULT_SNAPSHOT_EVERY = 10_000;
    /**
     * The default number of entries a member keeps below each snapshot it takes: enough for a follower a moment
     * behind to catch up from the log instead of receiving the whole snapshot.
     */
    public static final long DEFAULT_SNAPSHOT_LOG_RETENTION = 1024;
    /** The default idle time after which a remote client's session expires. */
    public static final Duration DEFAULT_SESSION_TIMEOUT = Duration.ofMinutes(10);

    public ClusterConfig {
        members = Collections.unmodifiableSortedMap(new TreeMap<>(members));
        if (members.isEmpty()) {
            throw new ConfigurationException("configuration", "a cluster needs at least one member");
        }
        members.forEach((id, m) -> {
            if (m.id() != id) {
                throw new ConfigurationException("configuration." + id, "member id " + m.id() + " is listed under " + id);
            }
        });
        if (electionTimeout.isNegative() || electionTimeout.isZero()) {
            throw new ConfigurationException("electionTimeout", "must be positive, got " + electionTimeout.toMillis());
        }
        if (heartbeatInterval.isNegative() || heartbeatInterval.isZero()) {
            throw new ConfigurationException("heartbeatInterval", "must be positive, got " + heartbeatInterval.toMillis());
        }
        if (heartbeatInterval.multipliedBy(2).compareTo(electionTimeout) > 0) {
            throw new ConfigurationException("heartbeatInterval", "must be at most half the election timeout ("
                    + electionTimeout.toMillis() + " ms), got " + heartbeatInterval.toMillis() + " ms");
        }
        if (clusterId == null || clusterId.isBlank()) {
            throw new ConfigurationException("clusterId", "must not be empty");
        }
        if (snapshotEvery <= 0) {
            throw new ConfigurationException("snapshotEvery", "must be positive, got " + snapshotEvery);
        }
        if (maxPendingCommands <= 0) {
            throw new ConfigurationException("maxPendingCommands", "must be positive, got " + maxPendingCommands);
        }
        if (snapshotLogRetention < 0) {
            throw new ConfigurationException("snapshotLogRetention", "must be 0 or more entries (0 deletes all the"
                    + " log a snapshot covers), got " + snapshotLogRetention);
        }
        if (sessionTimeout == null || sessionTimeout.isNegative() || sessionTimeout.isZero()) {
            throw new ConfigurationException("sessionTimeout", "must be positive, got "
                    + (sessionTimeout == null ? "nothing" : sessionTimeout.toMillis() + " ms"));
        }
    }

    /**
     * A configuration that keeps the default number of entries below each snapshot
     * ({@link #DEFAULT_SNAPSHOT_LOG_RETENTION}), as before that setting existed.
     */
    public ClusterConfig(SortedMap<Integer, Member> members, Duration electionTimeout, Duration heartbeatInterval,
                         String transport, String codec, String stateMachine, Optional<Path> dataDir,
                         int maxPendingCommands, Options transportOptions, Options codecOptions,
                         Options stateMachineOptions, String clusterId, boolean fsync, long snapshotEvery,
                         Duration sessionTimeout) {
        this(members, electionTimeout, heartbeatInterval, transport, codec, stateMachine, dataDir, maxPendingCommands,
                transportOptions, codecOptions, stateMachineOptions, clusterId, fsync, snapshotEvery, sessionTimeout,
                DEFAULT_SNAPSHOT_LOG_RETENTION);
    }

    /**
     * A configuration with the default session timeout ({@link #DEFAULT_SESSION_TIMEOUT}), as before that
     * setting existed.
     */
    public ClusterConfig(SortedMap<Integer, Member> members, Duration electionTimeout, Duration heartbeatInterval,
                         String transport, String codec, String stateMachine, Optional<Path> dataDir,
                         int maxPendingCommands, Options transportOptions, Options codecOptions,
                         Options stateMachineOptions, String clusterId, boolean fsync, long snapshotEvery) {
        this(members, electionTimeout, heartbeatInterval, transport, codec, stateMachine, dataDir, maxPendingCommands,
                transportOptions, codecOptions, stateMachineOptions, clusterId, fsync, snapshotEvery,
                DEFAULT_SESSION_TIMEOUT);
    }

    /** The member with {@code id}. */
    public Member member(int id) {
        Member m = members.get(id);
        if (m == null) {
            throw new ConfigurationException("configuration", "member " + id + " is not in the cluster; members are "
                    + members.keySet());
        }
        return m;
    }

    /** The member ids, ascending. */
    public List<Integer> memberIds() {
        return new ArrayList<>(members.keySet());
    }

    /** A builder with the defaults a YAML file would get. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder initialised from this configuration. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.members.putAll(members);
        b.electionTimeout = electionTimeout;
        b.heartbeatInterval = heartbeatInterval;
        b.transport = transport;
        b.codec = codec;
        b.stateMachine = stateMachine;
        b.dataDir = dataDir.orElse(null);
        b.maxPendingCommands = maxPendingCommands;
        b.transportOptions = transportOptions;
        b.codecOptions = codecOptions;
        b.stateMachineOptions = stateMachineOptions;
        b.clusterId = clusterId;
        b.fsync = fsync;
        b.snapshotEvery = snapshotEvery;
        b.sessionTimeout = sessionTimeout;
        b.snapshotLogRetention = snapshotLogRetention;
        return b;
    }

    /** Builds a {@link ClusterConfig} in code. */
    public static final class Builder {
        private final Map<Integer, Member> members = new LinkedHashMap<>();
        private Duration electionTimeout = DEFAULT_ELECTION_TIMEOUT;
        private Duration heartbeatInterval;
        private String transport = "inmemory";
        private String codec = "bytes";
        private String stateMachine = "";
        private Path dataDir;
        private int maxPendingCommands = DEFAULT_MAX_PENDING_COMMANDS;
        private Options transportOptions = Options.empty("transportOptions");
        private Options codecOptions = Options.empty("codecOptions");
        private Options stateMachineOptions = Options.empty("stateMachineOptions");
        private String clusterId = "graft";
        private boolean fsync = true;
        private long snapshotEvery = DEFAULT_SNAPSHOT_EVERY;
        private Duration sessionTimeout = DEFAULT_SESSION_TIMEOUT;
        private long snapshotLogRetention = DEFAULT_SNAPSHOT_LOG_RETENTION;

        private Builder() {
        }

        /**
         * How many of the entries a snapshot covers a member keeps when it takes the snapshot (default
         * {@value ClusterConfig#DEFAULT_SNAPSHOT_LOG_RETENTION}; 0 keeps none).
         */
        public Builder snapshotLogRetention(long entries) {
            snapshotLogRetention = entries;
            return this;
        }

        /**
         * How long a remote client's session may stay idle before the cluster forgets it (default 10 minutes).
         * Give every member the same value.
         */
        public Builder sessionTimeout(Duration d) {
            sessionTimeout = d;
            return this;
        }

        public Builder clusterId(String id) {
            clusterId = id;
            return this;
        }

        /** Whether the file log forces writes to disk before acknowledging them (default true: safe). */
        public Builder fsync(boolean on) {
            fsync = on;
            return this;
        }

        public Builder snapshotEvery(long entries) {
            snapshotEvery = entries;
            return this;
        }

        public Builder member(int id, String host, int port) {
            members.put(id, new Member(id, host, port));
            return this;
        }

        public Builder member(Member member) {
            members.put(member.id(), member);
            return this;
        }

        public Builder electionTimeout(Duration d) {
            electionTimeout = d;
            return this;
        }

        /** Defaults to a tenth of the election timeout (at least 1 ms). */
        public Builder heartbeatInterval(Duration d) {
            heartbeatInterval = d;
            return this;
        }

        public Builder transport(String name) {
            transport = name;
            return this;
        }

        public Builder codec(String name) {
            codec = name;
            return this;
        }

        public Builder stateMachine(String name) {
            stateMachine = name;
            return this;
        }

        public Builder dataDir(Path dir) {
            dataDir = dir;
            return this;
        }

        public Builder maxPendingCommands(int n) {
            maxPendingCommands = n;
            return this;
        }

        public Builder transportOptions(Options o) {
            transportOptions = o;
            return this;
        }

        public Builder codecOptions(Options o) {
            codecOptions = o;
            return this;
        }

        public Builder stateMachineOptions(Options o) {
            stateMachineOptions = o;
            return this;
        }

        public ClusterConfig build() {
            Duration hb = heartbeatInterval != null ? heartbeatInterval : defaultHeartbeat(electionTimeout);
            return new ClusterConfig(new TreeMap<>(members), electionTimeout, hb, transport, codec, stateMachine,
                    Optional.ofNullable(dataDir), maxPendingCommands, transportOptions, codecOptions,
                    stateMachineOptions, clusterId, fsync, snapshotEvery, sessionTimeout, snapshotLogRetention);
        }
    }

    /** A tenth of the election timeout, at least one millisecond. */
    public static Duration defaultHeartbeat(Duration electionTimeout) {
        return Duration.ofMillis(Math.max(1, electionTimeout.toMillis() / 10));
    }
}
