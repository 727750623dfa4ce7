package io.graft.api.event;

import java.time.Instant;

/**
 * The member stopped by itself: one of its threads failed (a storage error, a state machine that threw an
 * {@link Error}, a codec mismatch with the log, a transport failure). It has released its port and data
 * directory; {@link io.graft.api.RaftNode#failure()} holds the same cause. Not sent for a {@code close()}.
 *
 * @param memberId the member
 * @param at when
 * @param cause why
 */
public record MemberStopped(int memberId, Instant at, Throwable cause) implements RaftEvent {
}
