package io.graft.api;

/** How strongly {@link RaftNode#read(Object, ReadConsistency)} guarantees that a read is up to date. */
public enum ReadConsistency {
    /**
     * Linearizable (ReadIndex, thesis §6.4): the leader records its commit index, confirms with a round of
     * heartbeats that a majority still follows it, waits until that index is applied, then runs the query.
     * The read sees every write acknowledged before it started. Costs one round trip to a majority, shared
     * by all the reads that arrive meanwhile; no disk write.
     */
    LINEARIZABLE,
    /**
     * Lease-based (thesis §6.4.1): no round trip while the leader heard from a majority recently (within
     * the election timeout minus a margin for clock drift), since no other leader can have been elected
     * since. <b>Weaker</b>: it relies on bounded clock drift between members and on timely scheduling (a
     * leader paused by a long GC could serve a stale read). Falls back to {@link #LINEARIZABLE} when the
     * lease is not held (just elected, check-quorum off, or during a leadership transfer).
     */
    LEASE
}
