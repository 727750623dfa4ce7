package io.graft.api.event;

import java.time.Duration;
import java.time.Instant;

/**
 * The member took a snapshot of its state machine and compacted its log.
 *
 * @param memberId the member
 * @param at when the snapshot was complete
 * @param index the last log index it covers
 * @param term the term of that entry
 * @param bytes its size
 * @param took how long capturing and writing it took
 */
public record SnapshotTaken(int memberId, Instant at, long index, long term, long bytes, Duration took)
        implements RaftEvent {
}
