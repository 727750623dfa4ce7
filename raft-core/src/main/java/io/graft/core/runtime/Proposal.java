package io.graft.core.runtime;

import io.graft.core.protocol.EntryType;
import java.util.concurrent.CompletableFuture;

/**
 * An entry submitted on some thread, waiting for the event loop to place it in the log: a local command
 * (completed with the state machine's result) or a remote client's session command (completed with the
 * encoded reply).
 */
record Proposal(byte[] payload, EntryType type, CompletableFuture<Object> future) {
}
