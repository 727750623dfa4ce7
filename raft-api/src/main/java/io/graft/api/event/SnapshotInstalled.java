package io.graft.api.event;

import java.time.Instant;

/**
 * The member installed a snapshot its leader sent (it was too far behind to catch up from the log).
 *
 * @param memberId the member
 * @param at when the state machine had restored it
 * @param index the last log index it covers
 * @param term the term of that entry
 * @param bytes its size
 */
public record SnapshotInstalled(int memberId, Instant at, long index, long term, long bytes) implements RaftEvent {
}
