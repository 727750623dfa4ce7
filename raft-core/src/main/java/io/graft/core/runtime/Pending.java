package io.graft.core.runtime;

import java.util.concurrent.CompletableFuture;

/**
 * A submitted command that has a place in the log and awaits its outcome.
 *
 * @param index its log index
 * @param term the term it was appended in; an applied entry at {@code index} with another term means it
 *             was overwritten
 * @param future completed with the state machine's result
 */
record Pending<R>(long index, long term, CompletableFuture<R> future) {
}
