package io.graft.core.internal.raft;

/**
 * Classic Raft mistakes that tests switch on in a {@link RaftCore} (through a package-private setter) to prove
 * that the deterministic simulator notices them. Production code never sets any: the set is empty by default.
 */
enum InjectedBug {
    /** A leader commits an entry of an earlier term by counting replicas (the Figure 8 mistake, §5.4.2). */
    COMMIT_PREVIOUS_TERM_BY_COUNTING,
    /** A granted vote leaves before the vote is durable (goes out with the messages, not after persisting). */
    VOTE_BEFORE_PERSIST,
    /** A follower cuts its log after the last entry of any accepted AppendEntries, even a stale, reordered one. */
    TRUNCATE_ON_STALE_APPEND,
    /** Entries are handed to the state machine once durable here, before they are committed. */
    APPLY_BEFORE_COMMIT,
    /**
     * A leader ignores a follower's rejection of the entry it acknowledged as matching (it lost entries): it keeps
     * the old match, so the follower is not repaired until another member leads.
     */
    KEEP_MATCH_OF_DAMAGED_FOLLOWER,
    /** A member that started without data votes as any member does, before a leader has caught it up. */
    CATCHING_UP_VOTES_FREELY
}
