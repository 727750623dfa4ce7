package io.graft.core.internal.runtime;

import java.util.concurrent.CompletableFuture;

/**
 * A submitted entry that has a place in the log and awaits its outcome.
 *
 * @param index its log index
 * @param term the term it was appended in; an applied entry at {@code index} with another term means it
 *             was overwritten
 * @param future completed with the result (a local command's) or the encoded reply (a client's)
 */
record Pending(long index, long term, CompletableFuture<Object> future) {
}
