package io.graft.metrics.micrometer;

/**
 * The names and tag keys of the meters {@link GraftMeters} registers, in Micrometer's dotted style: a Prometheus
 * registry renders {@code graft.commit.latency} as {@code graft_commit_latency_seconds_bucket}/{@code _count}/
 * {@code _sum}/{@code _max}, and counters with a {@code _total} suffix. Every meter carries the tags
 * {@value #TAG_CLUSTER} and {@value #TAG_MEMBER}.
 */
public final class GraftMeterNames {
    /** Tag: the cluster id given to {@link GraftMeters#create}. */
    public static final String TAG_CLUSTER = "cluster";
    /** Tag: the member's id. */
    public static final String TAG_MEMBER = "member";
    /** Tag of {@link #COMMIT_LATENCY}: {@code applied} or {@code failed}. */
    public static final String TAG_OUTCOME = "outcome";
    /** Tag of {@link #ROLE}: {@code follower}, {@code pre_candidate}, {@code candidate} or {@code leader}. */
    public static final String TAG_ROLE = "role";
    /** Tag of {@link #REPLICATION_LAG}: the follower's member id. */
    public static final String TAG_FOLLOWER = "follower";
    /** Tag of {@link #ELECTIONS_STARTED}: {@code true} for a pre-vote round, {@code false} for a real election. */
    public static final String TAG_PRE_VOTE = "pre_vote";
    /** Tag of the snapshot meters: {@code taken} (by this member) or {@code installed} (sent by its leader). */
    public static final String TAG_KIND = "kind";
    /** Tag of {@link #TRANSPORT_MESSAGES_DROPPED}: the transport's reason, in lower case. */
    public static final String TAG_REASON = "reason";

    /**
     * Timer with a percentile histogram: from {@code submit} on this member to its result, tagged
     * {@value #TAG_OUTCOME} ({@code applied}: the state machine's result or the exception it threw; {@code failed}:
     * refused, not committed or an unknown outcome).
     */
    public static final String COMMIT_LATENCY = "graft.commit.latency";
    /** Counter: commands refused because too many were pending ({@code OverloadedException}). */
    public static final String COMMANDS_OVERLOADED = "graft.commands.overloaded";
    /** Gauge: remote client sessions the state machine's session table holds. */
    public static final String CLIENT_SESSIONS = "graft.client.sessions";

    /** Gauge: the member's current term. */
    public static final String TERM = "graft.term";
    /** Gauge: the highest log index the member knows to be committed. */
    public static final String COMMIT_INDEX = "graft.commit.index";
    /** Gauge: the highest log index its state machine has applied. */
    public static final String APPLIED_INDEX = "graft.applied.index";
    /** Gauge: committed entries not applied yet (commit index minus applied index). */
    public static final String APPLY_LAG = "graft.apply.lag";
    /** Gauges, one per role (tag {@value #TAG_ROLE}): 1 for the member's current role, 0 for the others. */
    public static final String ROLE = "graft.role";
    /** Gauge: the id of the leader the member knows of, 0 when it knows none. */
    public static final String LEADER = "graft.leader";

    /**
     * Gauge per follower (tag {@value #TAG_FOLLOWER}), on the leader only: entries of the leader's log the follower
     * is not known to hold, from the member's report, refreshed once a second.
     */
    public static final String REPLICATION_LAG = "graft.replication.lag";

    /** Counter: campaigns this member started (tag {@value #TAG_PRE_VOTE}). */
    public static final String ELECTIONS_STARTED = "graft.elections.started";
    /** Counter: elections this member won (it became the leader). */
    public static final String ELECTIONS_WON = "graft.elections.won";
    /** Counter: times this member learnt of a new leader (itself included). */
    public static final String LEADER_CHANGES = "graft.leader.changes";

    /** Timer with a percentile histogram: how long one group commit (write and fsync) of the log took. */
    public static final String LOG_SYNC_LATENCY = "graft.log.sync.latency";
    /** Distribution summary: entries per group commit. */
    public static final String LOG_SYNC_ENTRIES = "graft.log.sync.entries";
    /** Distribution summary: bytes per group commit. */
    public static final String LOG_SYNC_BYTES = "graft.log.sync.bytes";

    /** Timer: how long taking a snapshot took (tag {@value #TAG_KIND} {@code taken}). */
    public static final String SNAPSHOT_DURATION = "graft.snapshot.duration";
    /** Distribution summary: snapshot sizes in bytes (tag {@value #TAG_KIND}). */
    public static final String SNAPSHOT_SIZE = "graft.snapshot.size";

    /** Function counter: messages the transport handed to the network. */
    public static final String TRANSPORT_MESSAGES_SENT = "graft.transport.messages.sent";
    /** Function counter: messages the transport received and handed to the member. */
    public static final String TRANSPORT_MESSAGES_RECEIVED = "graft.transport.messages.received";
    /** Function counter: encoded bytes of the messages sent. */
    public static final String TRANSPORT_BYTES_SENT = "graft.transport.bytes.sent";
    /** Function counter: encoded bytes of the messages received. */
    public static final String TRANSPORT_BYTES_RECEIVED = "graft.transport.bytes.received";
    /**
     * Function counter per reason (tag {@value #TAG_REASON}): messages the transport dropped; a reason appears
     * within a second of its first drop.
     */
    public static final String TRANSPORT_MESSAGES_DROPPED = "graft.transport.messages.dropped";

    private GraftMeterNames() {
    }
}
