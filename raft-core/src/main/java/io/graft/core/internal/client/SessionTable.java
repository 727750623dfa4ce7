package io.graft.core.internal.client;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The replicated record of client sessions that makes remote commands exactly-once (thesis §6.3): for each
 * session, the replies to commands the client has not yet acknowledged. Every member builds the same table
 * by applying the same entries; it travels in snapshots. Idle sessions expire by the leader timestamps in
 * the log, never by a member's own clock, so expiry is deterministic too.
 */
public final class SessionTable {
    /** Replies kept per session; clients keep fewer commands than this in flight. */
    static final int MAX_REPLIES_PER_SESSION = 4096;

    private final long timeoutMillis;
    /** Sessions in order of last activity, oldest first (re-inserted on every touch). */
    private final LinkedHashMap<Long, Session> sessions = new LinkedHashMap<>();
    private long clock;

    private static final class Session {
        long lastActive;
        long acknowledgedUpTo;
        final TreeMap<Long, byte[]> replies = new TreeMap<>();
    }

    /** What to do with a session command. */
    public sealed interface Admission permits Apply, Duplicate, Expired {
    }

    /** A new command: apply it, then {@link #record} the reply. */
    public record Apply() implements Admission {
    }

    /** A retry of a command already applied: answer with its original reply. */
    public record Duplicate(byte[] reply) implements Admission {
    }

    /** The session is unknown or expired: do not apply. */
    public record Expired() implements Admission {
    }

    private static final Apply APPLY = new Apply();
    private static final Expired EXPIRED = new Expired();

    /** @param timeoutMillis how long a session may stay idle before it expires */
    public SessionTable(long timeoutMillis) {
        this.timeoutMillis = timeoutMillis;
    }

    /** Decides what to do with {@code c}, expiring idle sessions first. */
    public Admission admit(SessionCommand c) {
        clock = Math.max(clock, c.leaderTimeMillis());
        expire();
        Session s = sessions.remove(c.sessionId());
        if (s == null) {
            if (c.acknowledgedUpTo() != 0) {
                return EXPIRED; // The client had replies before: this session existed and was forgotten.
            }
            s = new Session();
        }
        s.lastActive = clock;
        sessions.put(c.sessionId(), s);
        if (c.acknowledgedUpTo() > s.acknowledgedUpTo) {
            s.acknowledgedUpTo = c.acknowledgedUpTo();
            s.replies.headMap(c.acknowledgedUpTo(), true).clear();
        }
        byte[] cached = s.replies.get(c.sequence());
        if (cached != null) {
            return new Duplicate(cached);
        }
        if (c.sequence() <= s.acknowledgedUpTo) {
            return EXPIRED; // Already acknowledged and forgotten: a stale retry the client no longer waits for.
        }
        return APPLY;
    }

    /** Remembers the reply to an applied command until the client acknowledges it. */
    public void record(SessionCommand c, byte[] reply) {
        Session s = sessions.get(c.sessionId());
        if (s == null) {
            return;
        }
        s.replies.put(c.sequence(), reply);
        while (s.replies.size() > MAX_REPLIES_PER_SESSION) {
            s.replies.pollFirstEntry();
        }
    }

    private void expire() {
        for (Iterator<Session> it = sessions.values().iterator(); it.hasNext(); ) {
            if (clock - it.next().lastActive <= timeoutMillis) {
                break; // Ordered by activity: the rest are fresher.
            }
            it.remove();
        }
    }

    /** The number of live sessions. */
    public int size() {
        return sessions.size();
    }

    /** A copy, for a snapshot taken while applying continues. */
    public SessionTable copy() {
        SessionTable t = new SessionTable(timeoutMillis);
        t.clock = clock;
        for (Map.Entry<Long, Session> e : sessions.entrySet()) {
            Session s = new Session();
            s.lastActive = e.getValue().lastActive;
            s.acknowledgedUpTo = e.getValue().acknowledgedUpTo;
            s.replies.putAll(e.getValue().replies);
            t.sessions.put(e.getKey(), s);
        }
        return t;
    }

    /** Writes the table (for a snapshot). */
    public void writeTo(DataOutputStream out) throws IOException {
        out.writeLong(clock);
        out.writeInt(sessions.size());
        for (Map.Entry<Long, Session> e : sessions.entrySet()) {
            Session s = e.getValue();
            out.writeLong(e.getKey());
            out.writeLong(s.lastActive);
            out.writeLong(s.acknowledgedUpTo);
            out.writeInt(s.replies.size());
            for (Map.Entry<Long, byte[]> r : s.replies.entrySet()) {
                out.writeLong(r.getKey());
                out.writeInt(r.getValue().length);
                out.write(r.getValue());
            }
        }
    }

    /** Replaces this table's content with one written by {@link #writeTo}. */
    public void readFrom(DataInputStream in) throws IOException {
        sessions.clear();
        clock = in.readLong();
        int count = in.readInt();
        for (int i = 0; i < count; i++) {
            long id = in.readLong();
            Session s = new Session();
            s.lastActive = in.readLong();
            s.acknowledgedUpTo = in.readLong();
            int replies = in.readInt();
            if (replies < 0 || replies > MAX_REPLIES_PER_SESSION) {
                throw new IOException("corrupt session table: " + replies + " replies");
            }
            for (int j = 0; j < replies; j++) {
                long seq = in.readLong();
                int length = in.readInt();
                if (length < 0) {
                    throw new IOException("corrupt session table: negative reply length");
                }
                s.replies.put(seq, in.readNBytes(length));
            }
            sessions.put(id, s);
        }
    }
}
