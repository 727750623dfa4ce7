/**
 * The load generator: a cluster (in this JVM or in child processes, on any transport) under a fixed number of
 * commands in flight, reporting throughput and latency percentiles and checking that every command applied exactly
 * once.
 */
package io.graft.bench.load;
