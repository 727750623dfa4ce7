package io.graft.core.internal.raft;

/**
 * A follower that needs the leader's snapshot, because the entries it lacks were compacted away.
 *
 * @param memberId the follower
 * @param index the snapshot's last included index
 * @param term the term of that entry
 */
public record SnapshotTarget(int memberId, long index, long term) {
}
