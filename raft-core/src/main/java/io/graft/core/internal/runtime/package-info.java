/**
 * Internal: the runtime around the algorithm: the event loop that drives {@code RaftCore}, the storage, apply and
 * snapshot workers, pending commands and reads, the service for remote clients, the callback executor that
 * completes the futures users get ({@code Callbacks}, also used by the remote client), and {@code LocalRaftNode},
 * the {@link io.graft.api.RaftNode} it all makes. Not for callers.
 */
package io.graft.core.internal.runtime;
