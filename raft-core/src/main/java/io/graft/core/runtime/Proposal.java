package io.graft.core.runtime;

import java.util.concurrent.CompletableFuture;

/** A command submitted on some thread, waiting for the event loop to place it in the log. */
record Proposal<R>(byte[] payload, CompletableFuture<R> future) {
}
