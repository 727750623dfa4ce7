package io.graft.api.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A cluster's description: its members, timing, and the plug-ins each node uses. Usually loaded from YAML
 * (see the core's {@code ClusterConfigLoader}); built in code with {@link #builder()}, and changed with
 * {@link #toBuilder()}. Immutable.
 *
 * <p>Every rule a configuration must follow is checked in one place, {@link Builder#build()}, which throws a
 * {@link ConfigurationException} naming the setting at fault; a configuration that exists is valid. New settings
 * are added to the builder with a default, so code written against an older version keeps compiling.
 */
public final class ClusterConfig {

    /** The election timeout used when none is given. */
    public static final Duration DEFAULT_ELECTION_TIMEOUT = Duration.ofMillis(150);
    /** The default number of commands that may be pending at once. */
    public static final int DEFAULT_MAX_PENDING_COMMANDS = 65_536;
    /**
     * The default number of applied entries between snapshots. Every member keeps the entries since its last
     * snapshot in memory, and each young garbage collection copies the ones still there: a smaller value keeps the
     * heap of a busy member small, at some cost in throughput when snapshots are frequent (see the performance
     * guide). A state machine whose snapshot is costly to capture may want a larger value.
     */
    public static final long DEFAULT_SNAPSHOT_EVERY = 10_000;
    /**
     * The default number of entries a member keeps below each snapshot it takes: enough for a follower a moment
     * behind to catch up from the log instead of receiving the whole snapshot.
     */
    public static final long DEFAULT_SNAPSHOT_LOG_RETENTION = 1024;
    /** The default number of appends a leader may have in flight to one follower. */
    public static final int DEFAULT_MAX_INFLIGHT_APPENDS = 64;
    /** The default most entries one append carries. */
    public static final int DEFAULT_MAX_APPEND_ENTRIES = 4096;
    /** The default most payload bytes one append carries (it always carries at least one entry). */
    public static final int DEFAULT_MAX_APPEND_BYTES = 1 << 20;
    /** The default size of the chunks a snapshot is sent in. */
    public static final int DEFAULT_SNAPSHOT_CHUNK_BYTES = 1 << 20;
    /** The default idle time after which a remote client's session expires. */
    public static final Duration DEFAULT_SESSION_TIMEOUT = Duration.ofMinutes(10);
    /** The transport used when none is named. */
    public static final String DEFAULT_TRANSPORT = "inmemory";
    /** The codec used when none is named. */
    public static final String DEFAULT_CODEC = "bytes";
    /** The cluster id used when none is given. */
    public static final String DEFAULT_CLUSTER_ID = "graft";

    private final SortedMap<Integer, Member> members;
    private final Duration electionTimeout;
    private final Duration heartbeatInterval;
    /** Whether the heartbeat interval was given, rather than derived from the election timeout. */
    private final boolean heartbeatGiven;
    private final String transport;
    private final String codec;
    private final boolean codecNamed;
    private final String stateMachine;
    private final Optional<Path> dataDir;
    private final int maxPendingCommands;
    private final Options transportOptions;
    private final Options codecOptions;
    private final Options stateMachineOptions;
    private final String clusterId;
    private final boolean fsync;
    private final long snapshotEvery;
    private final Duration sessionTimeout;
    private final long snapshotLogRetention;
    private final boolean preVote;
    private final boolean checkQuorum;
    private final int maxInflightAppends;
    private final int maxAppendEntries;
    private final int maxAppendBytes;
    private final int snapshotChunkBytes;
    /** {@code null}: twice the election timeout. */
    private final Duration handOffLeadershipOnClose;

    private ClusterConfig(Builder b, Duration heartbeatInterval) {
        this.members = Collections.unmodifiableSortedMap(new TreeMap<>(b.members));
        this.electionTimeout = b.electionTimeout;
        this.heartbeatInterval = heartbeatInterval;
        this.heartbeatGiven = b.heartbeatInterval != null;
        this.transport = b.transport;
        this.codec = b.codec;
        this.codecNamed = b.codecNamed;
        this.stateMachine = b.stateMachine;
        this.dataDir = Optional.ofNullable(b.dataDir);
        this.maxPendingCommands = b.maxPendingCommands;
        this.transportOptions = b.transportOptions;
        this.codecOptions = b.codecOptions;
        this.stateMachineOptions = b.stateMachineOptions;
        this.clusterId = b.clusterId;
        this.fsync = b.fsync;
        this.snapshotEvery = b.snapshotEvery;
        this.sessionTimeout = b.sessionTimeout;
        this.snapshotLogRetention = b.snapshotLogRetention;
        this.preVote = b.preVote;
        this.checkQuorum = b.checkQuorum;
        this.maxInflightAppends = b.maxInflightAppends;
        this.maxAppendEntries = b.maxAppendEntries;
        this.maxAppendBytes = b.maxAppendBytes;
        this.snapshotChunkBytes = b.snapshotChunkBytes;
        this.handOffLeadershipOnClose = b.handOffLeadershipOnClose;
    }

    /** A builder with the defaults a YAML file would get, and no members yet. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this configuration's settings, to build a changed copy. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Member id to member, in id order. */
    public SortedMap<Integer, Member> members() {
        return members;
    }

    /** The member with {@code id}; a {@link ConfigurationException} naming the members if there is none. */
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

    /**
     * The minimum election timeout; each member waits a random time in {@code [electionTimeout, 2 *
     * electionTimeout)} before campaigning.
     */
    public Duration electionTimeout() {
        return electionTimeout;
    }

    /** How often a leader sends heartbeats: at most half the election timeout. */
    public Duration heartbeatInterval() {
        return heartbeatInterval;
    }

    /** The name of the transport (found through {@code TransportProvider}), e.g. {@code inmemory}. */
    public String transport() {
        return transport;
    }

    /**
     * The name of the codec for commands and results (found through {@code CodecProvider});
     * {@value #DEFAULT_CODEC} when the configuration names none (see {@link #namesCodec()}). Read by programs
     * that build the codec by name, such as the generic launcher; a program that passes a codec instance to the
     * node builder uses that instance instead.
     */
    public String codec() {
        return codec;
    }

    /**
     * Whether the configuration names its codec itself (a {@code codec:} key, or {@link Builder#codec}), rather
     * than leaving the default. Not part of {@link #equals}: it changes nothing a member does, only whether a
     * node builder given a codec instance mentions the name it does not use.
     */
    public boolean namesCodec() {
        return codecNamed;
    }

    /**
     * The name of the state machine (found through {@code StateMachineProvider}), read by the generic launcher;
     * empty when none is named. Embedding programs pass an instance instead.
     */
    public String stateMachine() {
        return stateMachine;
    }

    /** Where members keep their logs; empty for a memory-only log that a restart forgets. */
    public Optional<Path> dataDir() {
        return dataDir;
    }

    /** How many submitted commands may await commit on a member before {@code submit} refuses more. */
    public int maxPendingCommands() {
        return maxPendingCommands;
    }

    /** Settings for the transport. */
    public Options transportOptions() {
        return transportOptions;
    }

    /** Settings for the codec. */
    public Options codecOptions() {
        return codecOptions;
    }

    /** Settings for the state machine. */
    public Options stateMachineOptions() {
        return stateMachineOptions;
    }

    /**
     * A name for this cluster, recorded in each data directory so that a directory written by another cluster is
     * refused.
     */
    public String clusterId() {
        return clusterId;
    }

    /**
     * Whether the file log forces every write to disk before acknowledging it (default true); turning it off
     * means acknowledged writes can be lost if a majority loses power at once.
     */
    public boolean fsync() {
        return fsync;
    }

    /**
     * Take a snapshot after this many applied entries; the log it covers is then deleted, except the last
     * {@link #snapshotLogRetention()} entries.
     */
    public long snapshotEvery() {
        return snapshotEvery;
    }

    /**
     * How long a remote client's session may stay idle before the cluster forgets it (and with it the replies
     * that make retries exactly-once); measured by the leaders' clocks as recorded in the log, so every member
     * must be given the same value.
     */
    public Duration sessionTimeout() {
        return sessionTimeout;
    }

    /**
     * How many of the entries a snapshot covers a member keeps when it takes the snapshot (default
     * {@value #DEFAULT_SNAPSHOT_LOG_RETENTION}; 0 or more): the leader sends those to a follower slightly behind
     * instead of the whole snapshot. Kept in memory and in the log; the file log deletes whole segments only, so
     * on disk it may keep up to a segment more. A snapshot received from a leader replaces the log it covers
     * entirely.
     */
    public long snapshotLogRetention() {
        return snapshotLogRetention;
    }

    /**
     * Whether a member that stops hearing from a leader first asks for pre-votes (thesis §9.6), raising its term
     * only if a majority would vote for it: a member cut off for a while then cannot disrupt the cluster when it
     * returns. On by default.
     */
    public boolean preVote() {
        return preVote;
    }

    /**
     * Whether a leader that has not heard from a majority for an election timeout steps down (thesis §6.2), so
     * that a leader cut off from the majority stops accepting commands it cannot commit. On by default; lease
     * reads need it.
     */
    public boolean checkQuorum() {
        return checkQuorum;
    }

    /**
     * How many appends a leader may have sent to one follower and not yet had answered (default
     * {@value #DEFAULT_MAX_INFLIGHT_APPENDS}): the pipeline depth of replication.
     */
    public int maxInflightAppends() {
        return maxInflightAppends;
    }

    /** The most entries one append carries (default {@value #DEFAULT_MAX_APPEND_ENTRIES}). */
    public int maxAppendEntries() {
        return maxAppendEntries;
    }

    /**
     * The most payload bytes one append carries (default {@value #DEFAULT_MAX_APPEND_BYTES}); an append always
     * carries at least one entry, however large.
     */
    public int maxAppendBytes() {
        return maxAppendBytes;
    }

    /** The size of the chunks a leader sends a snapshot in (default {@value #DEFAULT_SNAPSHOT_CHUNK_BYTES}). */
    public int snapshotChunkBytes() {
        return snapshotChunkBytes;
    }

    /**
     * How long {@code close()} of a leader waits for another voter to take over before it closes (default twice
     * the election timeout); zero closes at once, leaving the cluster without a leader for an election timeout.
     */
    public Duration handOffLeadershipOnClose() {
        return handOffLeadershipOnClose != null ? handOffLeadershipOnClose : electionTimeout.multipliedBy(2);
    }

    /** A tenth of the election timeout, at least one millisecond: the heartbeat interval when none is given. */
    public static Duration defaultHeartbeat(Duration electionTimeout) {
        return Duration.ofMillis(Math.max(1, electionTimeout.toMillis() / 10));
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof ClusterConfig c)) {
            return false;
        }
        return maxPendingCommands == c.maxPendingCommands && fsync == c.fsync && snapshotEvery == c.snapshotEvery
                && snapshotLogRetention == c.snapshotLogRetention && members.equals(c.members)
                && electionTimeout.equals(c.electionTimeout) && heartbeatInterval.equals(c.heartbeatInterval)
                && transport.equals(c.transport) && codec.equals(c.codec) && stateMachine.equals(c.stateMachine)
                && dataDir.equals(c.dataDir) && transportOptions.equals(c.transportOptions)
                && codecOptions.equals(c.codecOptions) && stateMachineOptions.equals(c.stateMachineOptions)
                && clusterId.equals(c.clusterId) && sessionTimeout.equals(c.sessionTimeout)
                && preVote == c.preVote && checkQuorum == c.checkQuorum && maxInflightAppends == c.maxInflightAppends
                && maxAppendEntries == c.maxAppendEntries && maxAppendBytes == c.maxAppendBytes
                && snapshotChunkBytes == c.snapshotChunkBytes
                && handOffLeadershipOnClose().equals(c.handOffLeadershipOnClose());
    }

    @Override
    public int hashCode() {
        return Objects.hash(members, electionTimeout, heartbeatInterval, transport, codec, stateMachine, dataDir,
                maxPendingCommands, transportOptions, codecOptions, stateMachineOptions, clusterId, fsync,
                snapshotEvery, sessionTimeout, snapshotLogRetention, preVote, checkQuorum, maxInflightAppends,
                maxAppendEntries, maxAppendBytes, snapshotChunkBytes, handOffLeadershipOnClose());
    }

    @Override
    public String toString() {
        return "ClusterConfig[members=" + members.values() + ", electionTimeout=" + electionTimeout.toMillis()
                + " ms, heartbeatInterval=" + heartbeatInterval.toMillis() + " ms, transport=" + transport
                + ", codec=" + codec + ", stateMachine=" + stateMachine + ", dataDir="
                + dataDir.map(Path::toString).orElse("(memory)") + ", maxPendingCommands=" + maxPendingCommands
                + ", transportOptions=" + transportOptions.values() + ", codecOptions=" + codecOptions.values()
                + ", stateMachineOptions=" + stateMachineOptions.values() + ", clusterId=" + clusterId
                + ", fsync=" + fsync + ", snapshotEvery=" + snapshotEvery + ", sessionTimeout="
                + sessionTimeout.toMillis() + " ms, snapshotLogRetention=" + snapshotLogRetention + ", preVote="
                + preVote + ", checkQuorum=" + checkQuorum + ", maxInflightAppends=" + maxInflightAppends
                + ", maxAppendEntries=" + maxAppendEntries + ", maxAppendBytes=" + maxAppendBytes
                + ", snapshotChunkBytes=" + snapshotChunkBytes + ", handOffLeadershipOnClose="
                + handOffLeadershipOnClose().toMillis() + " ms]";
    }

    /**
     * Builds a {@link ClusterConfig}. Every setting has a default except the members; {@link #build()} checks the
     * settings against each other and names the one at fault. Not thread-safe.
     */
    public static final class Builder {
        private final SortedMap<Integer, Member> members = new TreeMap<>();
        private Duration electionTimeout = DEFAULT_ELECTION_TIMEOUT;
        private Duration heartbeatInterval;
        private String transport = DEFAULT_TRANSPORT;
        private String codec = DEFAULT_CODEC;
        private boolean codecNamed;
        private String stateMachine = "";
        private Path dataDir;
        private int maxPendingCommands = DEFAULT_MAX_PENDING_COMMANDS;
        private Options transportOptions = Options.empty("transportOptions");
        private Options codecOptions = Options.empty("codecOptions");
        private Options stateMachineOptions = Options.empty("stateMachineOptions");
        private String clusterId = DEFAULT_CLUSTER_ID;
        private boolean fsync = true;
        private long snapshotEvery = DEFAULT_SNAPSHOT_EVERY;
        private Duration sessionTimeout = DEFAULT_SESSION_TIMEOUT;
        private long snapshotLogRetention = DEFAULT_SNAPSHOT_LOG_RETENTION;
        private boolean preVote = true;
        private boolean checkQuorum = true;
        private int maxInflightAppends = DEFAULT_MAX_INFLIGHT_APPENDS;
        private int maxAppendEntries = DEFAULT_MAX_APPEND_ENTRIES;
        private int maxAppendBytes = DEFAULT_MAX_APPEND_BYTES;
        private int snapshotChunkBytes = DEFAULT_SNAPSHOT_CHUNK_BYTES;
        private Duration handOffLeadershipOnClose;

        private Builder() {
        }

        private Builder(ClusterConfig c) {
            members.putAll(c.members);
            electionTimeout = c.electionTimeout;
            heartbeatInterval = c.heartbeatGiven ? c.heartbeatInterval : null; // A default follows the timeout.
            transport = c.transport;
            codec = c.codec;
            codecNamed = c.codecNamed;
            stateMachine = c.stateMachine;
            dataDir = c.dataDir.orElse(null);
            maxPendingCommands = c.maxPendingCommands;
            transportOptions = c.transportOptions;
            codecOptions = c.codecOptions;
            stateMachineOptions = c.stateMachineOptions;
            clusterId = c.clusterId;
            fsync = c.fsync;
            snapshotEvery = c.snapshotEvery;
            sessionTimeout = c.sessionTimeout;
            snapshotLogRetention = c.snapshotLogRetention;
            preVote = c.preVote;
            checkQuorum = c.checkQuorum;
            maxInflightAppends = c.maxInflightAppends;
            maxAppendEntries = c.maxAppendEntries;
            maxAppendBytes = c.maxAppendBytes;
            snapshotChunkBytes = c.snapshotChunkBytes;
            handOffLeadershipOnClose = c.handOffLeadershipOnClose; // A default follows the timeout.
        }

        /** Adds (or replaces, by id) member {@code id} at {@code host:port}. */
        public Builder member(int id, String host, int port) {
            return member(new Member(id, host, port));
        }

        /** Adds {@code member}, replacing any member with the same id. */
        public Builder member(Member member) {
            Objects.requireNonNull(member, "member");
            members.put(member.id(), member);
            return this;
        }

        /** Removes member {@code id}, if present. */
        public Builder withoutMember(int id) {
            members.remove(id);
            return this;
        }

        /** The minimum election timeout (default {@link #DEFAULT_ELECTION_TIMEOUT}: 150 ms). */
        public Builder electionTimeout(Duration d) {
            electionTimeout = d;
            return this;
        }

        /**
         * How often a leader sends heartbeats: at most half the election timeout. Defaults to a tenth of the
         * election timeout (at least 1 ms); {@code null} restores that default.
         */
        public Builder heartbeatInterval(Duration d) {
            heartbeatInterval = d;
            return this;
        }

        /** The transport's name (default {@value #DEFAULT_TRANSPORT}). */
        public Builder transport(String name) {
            transport = name;
            return this;
        }

        /** The codec's name (default {@value #DEFAULT_CODEC}); see {@link ClusterConfig#codec()}. */
        public Builder codec(String name) {
            codec = name;
            codecNamed = true;
            return this;
        }

        /** The state machine's name, for the generic launcher (default empty: none). */
        public Builder stateMachine(String name) {
            stateMachine = name;
            return this;
        }

        /** Where members keep their logs, each in {@code member-<id>}; {@code null} (the default) for memory. */
        public Builder dataDir(Path dir) {
            dataDir = dir;
            return this;
        }

        /** How many commands may await commit on a member (default {@value #DEFAULT_MAX_PENDING_COMMANDS}). */
        public Builder maxPendingCommands(int n) {
            maxPendingCommands = n;
            return this;
        }

        /** Settings for the transport (default none). */
        public Builder transportOptions(Options o) {
            transportOptions = o;
            return this;
        }

        /** Settings for the codec (default none). */
        public Builder codecOptions(Options o) {
            codecOptions = o;
            return this;
        }

        /** Settings for the state machine (default none). */
        public Builder stateMachineOptions(Options o) {
            stateMachineOptions = o;
            return this;
        }

        /** The cluster's name, recorded in data directories (default {@value #DEFAULT_CLUSTER_ID}). */
        public Builder clusterId(String id) {
            clusterId = id;
            return this;
        }

        /** Whether the file log forces writes to disk before acknowledging them (default true: safe). */
        public Builder fsync(boolean on) {
            fsync = on;
            return this;
        }

        /** Applied entries between snapshots (default {@value #DEFAULT_SNAPSHOT_EVERY}; positive). */
        public Builder snapshotEvery(long entries) {
            snapshotEvery = entries;
            return this;
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

        /** Whether members ask for pre-votes before an election (default on); see {@link ClusterConfig#preVote()}. */
        public Builder preVote(boolean on) {
            preVote = on;
            return this;
        }

        /** Whether a leader steps down without a majority (default on); see {@link ClusterConfig#checkQuorum()}. */
        public Builder checkQuorum(boolean on) {
            checkQuorum = on;
            return this;
        }

        /** Appends in flight to one follower, 1 to 4096 (default {@value ClusterConfig#DEFAULT_MAX_INFLIGHT_APPENDS}). */
        public Builder maxInflightAppends(int appends) {
            maxInflightAppends = appends;
            return this;
        }

        /** Entries per append, 1 or more (default {@value ClusterConfig#DEFAULT_MAX_APPEND_ENTRIES}). */
        public Builder maxAppendEntries(int entries) {
            maxAppendEntries = entries;
            return this;
        }

        /** Payload bytes per append, 1 or more (default {@value ClusterConfig#DEFAULT_MAX_APPEND_BYTES}). */
        public Builder maxAppendBytes(int bytes) {
            maxAppendBytes = bytes;
            return this;
        }

        /**
         * The size of snapshot chunks, 4 KiB to 16 MiB (default {@value ClusterConfig#DEFAULT_SNAPSHOT_CHUNK_BYTES});
         * a chunk must fit in one transport message.
         */
        public Builder snapshotChunkBytes(int bytes) {
            snapshotChunkBytes = bytes;
            return this;
        }

        /** How long closing a leader waits for a successor (default twice the election timeout; zero: none). */
        public Builder handOffLeadershipOnClose(Duration wait) {
            handOffLeadershipOnClose = wait;
            return this;
        }

        /**
         * Checks the settings and builds the configuration.
         *
         * @throws ConfigurationException naming the setting at fault (its YAML key) and what is wrong with it
         */
        public ClusterConfig build() {
            if (members.isEmpty()) {
                throw new ConfigurationException("configuration", "a cluster needs at least one member");
            }
            requirePositive("electionTimeout", electionTimeout);
            Duration heartbeat;
            if (heartbeatInterval != null) {
                requirePositive("heartbeatInterval", heartbeatInterval);
                if (heartbeatInterval.multipliedBy(2).compareTo(electionTimeout) > 0) {
                    throw new ConfigurationException("heartbeatInterval", "must be at most half the election timeout ("
                            + electionTimeout.toMillis() + " ms), so that followers hear from a leader several times"
                            + " before they give up on it; got " + heartbeatInterval.toMillis() + " ms");
                }
                heartbeat = heartbeatInterval;
            } else {
                heartbeat = defaultHeartbeat(electionTimeout);
                if (heartbeat.multipliedBy(2).compareTo(electionTimeout) > 0) {
                    throw new ConfigurationException("electionTimeout", "is too short to leave room for heartbeats"
                            + " (at most half of it); use at least 2 ms, got " + electionTimeout.toMillis() + " ms");
                }
            }
            requireName("transport", transport);
            requireName("codec", codec);
            if (stateMachine == null) {
                throw new ConfigurationException("stateMachine", "must not be null; leave it empty to name none");
            }
            if (maxPendingCommands <= 0) {
                throw new ConfigurationException("maxPendingCommands", "must be positive, got " + maxPendingCommands);
            }
            requireOptions("transportOptions", transportOptions);
            requireOptions("codecOptions", codecOptions);
            requireOptions("stateMachineOptions", stateMachineOptions);
            requireName("clusterId", clusterId);
            if (snapshotEvery <= 0) {
                throw new ConfigurationException("snapshotEvery", "must be positive, got " + snapshotEvery);
            }
            requirePositive("sessionTimeout", sessionTimeout);
            if (snapshotLogRetention < 0) {
                throw new ConfigurationException("snapshotLogRetention", "must be 0 or more entries (0 deletes all"
                        + " the log a snapshot covers), got " + snapshotLogRetention);
            }
            if (maxInflightAppends < 1 || maxInflightAppends > 4096) {
                throw new ConfigurationException("maxInflightAppends", "must be between 1 and 4096 appends, got "
                        + maxInflightAppends);
            }
            if (maxAppendEntries < 1) {
                throw new ConfigurationException("maxAppendEntries", "must be 1 or more entries, got "
                        + maxAppendEntries);
            }
            if (maxAppendBytes < 1) {
                throw new ConfigurationException("maxAppendBytes", "must be 1 or more bytes, got " + maxAppendBytes);
            }
            if (snapshotChunkBytes < 4096 || snapshotChunkBytes > 16 << 20) {
                throw new ConfigurationException("snapshotChunkBytes", "must be between 4096 and 16777216 bytes"
                        + " (a chunk travels in one message), got " + snapshotChunkBytes);
            }
            if (handOffLeadershipOnClose != null && handOffLeadershipOnClose.isNegative()) {
                throw new ConfigurationException("handOffLeadershipOnClose", "must be 0 (no hand-off) or more,"
                        + " got " + handOffLeadershipOnClose.toMillis() + " ms");
            }
            return new ClusterConfig(this, heartbeat);
        }

        private static void requirePositive(String key, Duration d) {
            if (d == null) {
                throw new ConfigurationException(key, "must be given");
            }
            if (d.isNegative() || d.isZero()) {
                throw new ConfigurationException(key, "must be positive, got " + d.toMillis() + " ms");
            }
        }

        private static void requireName(String key, String name) {
            if (name == null || name.isBlank()) {
                throw new ConfigurationException(key, "must not be empty");
            }
        }

        private static void requireOptions(String key, Options options) {
            if (options == null) {
                throw new ConfigurationException(key, "must not be null; use Options.empty(\"" + key + "\")");
            }
        }
    }
}
