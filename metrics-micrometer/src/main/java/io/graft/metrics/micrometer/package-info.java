/**
 * Micrometer meters for Graft members: {@link io.graft.metrics.micrometer.GraftMeters} records what a member
 * measures as it works (commit latency, group commits, overload, client sessions), follows its events (elections,
 * leader changes, snapshots), reads its state and its followers' replication, and counts its transport's traffic,
 * all tagged with the cluster and the member. The names are listed in
 * {@link io.graft.metrics.micrometer.GraftMeterNames}.
 */
package io.graft.metrics.micrometer;
