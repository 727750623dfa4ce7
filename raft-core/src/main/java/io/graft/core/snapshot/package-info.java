/**
 * Where a member keeps its snapshots: the {@link io.graft.core.snapshot.SnapshotStore} interface, a file store
 * (one checksummed file per snapshot, written beside the log) and an in-memory store.
 */
package io.graft.core.snapshot;
