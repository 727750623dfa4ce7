/**
 * Internal: the Raft algorithm as a deterministic state machine. {@code RaftCore} takes events (a message, a tick,
 * a proposal, a write made durable) and answers with a {@code Ready}: messages to send, entries to persist,
 * entries to apply. No threads, clocks, sockets or files: the runtime does the I/O. Not for callers.
 */
package io.graft.core.internal.raft;
