/**
 * Where a member keeps its Raft log and hard state: the {@link io.graft.core.storage.LogStorage} interface the
 * runtime writes through, the entries it holds, and an in-memory implementation for tests and volatile clusters.
 * The crash-safe file log is in {@code io.graft.core.storage.file}.
 */
package io.graft.core.storage;
