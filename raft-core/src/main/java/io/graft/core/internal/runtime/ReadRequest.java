package io.graft.core.internal.runtime;

import io.graft.api.ReadConsistency;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * A read submitted on some thread, waiting for the event loop to find the index it may run at.
 *
 * @param query runs the state machine's query (on the apply thread)
 * @param future completed with the query's answer
 * @param consistency how the index is found
 */
record ReadRequest<R>(Supplier<R> query, CompletableFuture<R> future, ReadConsistency consistency) {
}
