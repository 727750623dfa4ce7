/**
 * Internal: the frames remote clients and members exchange (commands, reads, admin requests and their answers),
 * their encoding, and the session table that makes retried commands apply exactly once. Not for callers.
 */
package io.graft.core.internal.client;
