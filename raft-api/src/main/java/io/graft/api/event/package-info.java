/**
 * What happens to a member, as events: role and leader changes, elections, committed membership changes,
 * snapshots, and a member stopping by itself. Register a {@link io.graft.api.event.RaftEventListener} with
 * {@code RaftNode.addListener} (or on the node builder, to see events from the start).
 */
package io.graft.api.event;
