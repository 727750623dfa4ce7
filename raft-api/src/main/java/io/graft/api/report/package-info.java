/**
 * A member's report ({@link io.graft.api.report.MemberReport}): its Raft state, log and snapshot sizes, pending
 * work and, on a leader, each follower's replication ({@link io.graft.api.report.FollowerReport}).
 */
package io.graft.api.report;
