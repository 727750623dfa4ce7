package io.graft.core.runtime;

import java.util.concurrent.CompletableFuture;
import java.util.function.LongConsumer;

/**
 * A command submitted on some thread, waiting for the event loop to place it in the log.
 *
 * @param onPlaced told the command's log index once it is appended (before it commits)
 */
record Proposal<R>(byte[] payload, CompletableFuture<R> future, LongConsumer onPlaced) {

    private static final LongConsumer IGNORED = index -> { };

    Proposal(byte[] payload, CompletableFuture<R> future) {
        this(payload, future, IGNORED);
    }
}
