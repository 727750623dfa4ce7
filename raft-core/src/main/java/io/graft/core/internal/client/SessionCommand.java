package io.graft.core.internal.client;

import io.graft.api.MalformedMessageException;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * The payload of a {@link io.graft.core.storage.EntryType#SESSION_COMMAND} log entry: a client request
 * as the leader appended it, stamped with the leader's clock so that every member expires idle sessions at
 * the same point in the log.
 *
 * <pre>session i64 | sequence i64 | acknowledgedUpTo i64 | leaderTimeMillis i64 | command</pre>
 */
public record SessionCommand(long sessionId, long sequence, long acknowledgedUpTo, long leaderTimeMillis,
                             byte[] command) {
    private static final int HEADER = 32;

    public static byte[] encode(ClientRequest r, long leaderTimeMillis) {
        return ByteBuffer.allocate(HEADER + r.command().length).putLong(r.sessionId()).putLong(r.sequence())
                .putLong(r.acknowledgedUpTo()).putLong(leaderTimeMillis).put(r.command()).array();
    }

    /** Reads an entry's payload; entries were written by {@link #encode}, so damage means corruption. */
    public static SessionCommand decode(byte[] payload) {
        if (payload.length < HEADER) {
            throw new MalformedMessageException("session command of " + payload.length + " bytes is too short");
        }
        ByteBuffer b = ByteBuffer.wrap(payload);
        return new SessionCommand(b.getLong(), b.getLong(), b.getLong(), b.getLong(),
                Arrays.copyOfRange(payload, HEADER, payload.length));
    }
}
