package io.graft.core.internal.runtime;

import java.util.concurrent.CompletableFuture;

/**
 * A future the member completes on whichever of its threads produces the outcome, not through the callback
 * executor: for the member's own requests, whose only dependents are quick and never block (the reply to a
 * remote client, the leadership hand-off that {@code close()} waits for). Never returned to users.
 */
final class DirectFuture<T> extends CompletableFuture<T> {
}
