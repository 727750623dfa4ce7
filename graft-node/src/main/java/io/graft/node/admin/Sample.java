package io.graft.node.admin;

import io.graft.api.Role;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * What the member looked like at one second of its history, for the dashboard's charts.
 *
 * @param atMillis when (milliseconds since the epoch)
 * @param role its role
 * @param term its term
 * @param leaderId the leader it knew of
 * @param commitIndex its commit index
 * @param appliedIndex its applied index
 * @param commitsPerSecond entries committed per second since the sample before (0 for the first)
 * @param latencyMeanMillis the mean commit latency of the commands answered since the sample before, when the
 *                          metrics registry has a {@value CommitLatency#TIMER} timer and some were answered
 * @param latencyMaxMillis the longest commit latency the timer saw recently, when it has one
 */
record Sample(long atMillis, Role role, long term, OptionalInt leaderId, long commitIndex, long appliedIndex,
              double commitsPerSecond, OptionalDouble latencyMeanMillis, OptionalDouble latencyMaxMillis) {
}
