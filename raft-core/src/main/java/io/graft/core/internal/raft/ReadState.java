package io.graft.core.internal.raft;

/**
 * A linearizable read the leader has confirmed (ReadIndex, thesis §6.4): once the state machine has applied
 * up to {@code index}, the reads registered under {@code id} may run.
 *
 * @param id the id the runtime passed to {@link RaftCore#requestRead}
 * @param index the commit index when the confirming round began
 */
public record ReadState(long id, long index) {
}
