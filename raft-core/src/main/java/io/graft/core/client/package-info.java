/**
 * The remote client: {@link io.graft.core.client.GraftClient} submits commands, reads and membership changes to a
 * cluster over a {@link io.graft.api.transport.ClientTransport}, with a session that makes retried commands apply
 * exactly once.
 */
package io.graft.core.client;
