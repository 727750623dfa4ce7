/**
 * The {@code inmemory} transport: nodes in one JVM exchange messages through an
 * {@link io.graft.transport.inmemory.InMemoryNetwork}, on which tests inject partitions, one-way cuts,
 * loss, duplication, delay and reordering, and read per-member traffic counters.
 */
package io.graft.transport.inmemory;
