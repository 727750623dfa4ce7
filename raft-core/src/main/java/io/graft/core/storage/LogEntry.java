package io.graft.core.storage;

import io.graft.core.internal.protocol.ClusterMembership;
import java.util.Arrays;

/**
 * One entry of the replicated log.
 *
 * @param index its position, from 1
 * @param term the term of the leader that created it
 * @param type what it holds
 * @param payload the encoded command ({@link EntryType#COMMAND}) or membership ({@link EntryType#CONFIGURATION}),
 *                else empty; never modified once created
 */
public record LogEntry(long index, long term, EntryType type, byte[] payload) {

    private static final byte[] EMPTY = new byte[0];

    /** A command entry. */
    public static LogEntry command(long index, long term, byte[] payload) {
        return new LogEntry(index, term, EntryType.COMMAND, payload);
    }

    /** A no-op entry. */
    public static LogEntry noop(long index, long term) {
        return new LogEntry(index, term, EntryType.NOOP, EMPTY);
    }

    /** A membership entry. */
    public static LogEntry configuration(long index, long term, ClusterMembership membership) {
        return new LogEntry(index, term, EntryType.CONFIGURATION, membership.encode());
    }

    /** A copy at another position (used when a proposal is placed in the log). */
    public LogEntry at(long newIndex, long newTerm) {
        return new LogEntry(newIndex, newTerm, type, payload);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LogEntry e && e.index == index && e.term == term && e.type == type
                && Arrays.equals(e.payload, payload);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(index) * 31 + Long.hashCode(term);
    }

    @Override
    public String toString() {
        return "LogEntry[" + index + "@" + term + " " + type + " " + payload.length + "B]";
    }
}
