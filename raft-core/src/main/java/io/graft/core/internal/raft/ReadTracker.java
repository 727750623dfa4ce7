package io.graft.core.internal.raft;

import java.util.ArrayList;
import java.util.List;

/**
 * The leader's read contexts. Every heartbeat round and every read round gets a new, increasing context,
 * which each AppendEntries carries and each answer echoes; an answer with context {@code c} proves the
 * follower still followed this leader after round {@code c} began. Reads wait for the next round to start
 * (so that many share it), and are confirmed once a majority answered with that round's context or a later
 * one. The time each context began is kept for a while, which dates a majority's latest contact for lease
 * reads.
 */
final class ReadTracker {
    private static final int REMEMBERED = 256;

    private long context;
    private final long[] startedAt = new long[REMEMBERED];
    /** The leader's last log index when each remembered context began. */
    private final long[] lastIndexAt = new long[REMEMBERED];
    /** Reads waiting for a round. */
    private List<Long> waiting = new ArrayList<>();
    /** The round in flight: its context, the index its reads may run at, and their ids. */
    private long roundContext;
    private long roundIndex;
    private List<Long> roundIds = List.of();

    /** The current context, which outgoing AppendEntries carry. */
    long context() {
        return context;
    }

    /** Begins a new context at {@code now}, when the leader's log ends at {@code lastIndex}; returns it. */
    long next(long now, long lastIndex) {
        context++;
        startedAt[(int) (context % REMEMBERED)] = now;
        lastIndexAt[(int) (context % REMEMBERED)] = lastIndex;
        return context;
    }

    /** The leader's last log index when context {@code c} began, or {@code -1} if it is too old to remember. */
    long lastIndexAt(long c) {
        if (c <= 0 || c > context || context - c >= REMEMBERED) {
            return -1;
        }
        return lastIndexAt[(int) (c % REMEMBERED)];
    }

    /** When context {@code c} began, or {@code -1} if it is too old to remember (or never began). */
    long startedAt(long c) {
        if (c <= 0 || c > context || context - c >= REMEMBERED) {
            return -1;
        }
        return startedAt[(int) (c % REMEMBERED)];
    }

    void enqueue(long id) {
        waiting.add(id);
    }

    /** Whether reads wait and no round is in flight. */
    boolean canStartRound() {
        return roundIds.isEmpty() && !waiting.isEmpty();
    }

    boolean roundInFlight() {
        return !roundIds.isEmpty();
    }

    /**
     * Starts a round for every waiting read, at {@code commitIndex}, when the leader's log ends at
     * {@code lastIndex}; returns its context.
     */
    long startRound(long commitIndex, long lastIndex, long now) {
        roundContext = next(now, lastIndex);
        roundIndex = commitIndex;
        roundIds = waiting;
        waiting = new ArrayList<>();
        return roundContext;
    }

    /** If a majority's context reached the round's, its reads are confirmed: returns them, else nothing. */
    List<ReadState> confirm(long majorityContext) {
        if (roundIds.isEmpty() || majorityContext < roundContext) {
            return List.of();
        }
        List<ReadState> done = new ArrayList<>(roundIds.size());
        for (long id : roundIds) {
            done.add(new ReadState(id, roundIndex));
        }
        roundIds = List.of();
        return done;
    }

    /** Forgets every read (leadership ended; the runtime fails them). Contexts keep increasing. */
    void clear() {
        waiting = new ArrayList<>();
        roundIds = List.of();
    }
}
