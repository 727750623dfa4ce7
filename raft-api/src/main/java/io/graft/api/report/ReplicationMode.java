package io.graft.api.report;

/** How a leader is sending its log to one follower. */
public enum ReplicationMode {
    /** It does not know where the follower's log ends: one append at a time until an answer tells it. */
    PROBE,
    /** The follower is in step: appends are pipelined, several in flight. */
    REPLICATE,
    /** The follower needs entries the leader no longer holds: a snapshot is being sent. */
    SNAPSHOT
}
