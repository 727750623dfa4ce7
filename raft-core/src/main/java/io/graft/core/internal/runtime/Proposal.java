package io.graft.core.internal.runtime;

import io.graft.core.storage.EntryType;
import java.util.concurrent.CompletableFuture;
import java.util.function.LongConsumer;

/**
 * An entry submitted on some thread, waiting for the event loop to place it in the log: a local command
 * (completed with the state machine's result) or a remote client's session command (completed with the
 * encoded reply).
 *
 * @param onPlaced told the entry's log index once it is appended (before it commits)
 */
record Proposal(byte[] payload, EntryType type, CompletableFuture<Object> future, LongConsumer onPlaced) {

    private static final LongConsumer IGNORED = index -> { };

    Proposal(byte[] payload, EntryType type, CompletableFuture<Object> future) {
        this(payload, type, future, IGNORED);
    }
}
