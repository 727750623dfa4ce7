package io.graft.api;

/**
 * A command's result together with the log index it was applied at; pass the index to
 * {@link RaftNode#readAtLeast} on any member to read your own write there.
 *
 * @param index the command's log index
 * @param result what the state machine returned
 * @param <R> the result type
 */
public record IndexedResult<R>(long index, R result) {
}
