package io.graft.core.internal.raft;

import io.graft.core.internal.protocol.Message;
import io.graft.core.storage.HardState;
import io.graft.core.storage.LogEntry;
import io.graft.core.storage.StoredState;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/** Small builders for tests that drive a single {@link RaftCore} by hand. */
final class Fixtures {
    static final long ELECTION_TIMEOUT = 100;
    static final long HEARTBEAT = 10;

    private Fixtures() {
    }

    /** A log from index 1 whose entry {@code i} has term {@code terms[i-1]} and payload "e{i}". */
    static List<LogEntry> log(long... terms) {
        List<LogEntry> out = new ArrayList<>(terms.length);
        for (int i = 0; i < terms.length; i++) {
            out.add(LogEntry.command(i + 1, terms[i], ("e" + (i + 1)).getBytes(StandardCharsets.UTF_8)));
        }
        return out;
    }

    /** {@code count} entries of {@code term} from {@code firstIndex}. */
    static List<LogEntry> run(long firstIndex, long term, int count) {
        List<LogEntry> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            long index = firstIndex + i;
            out.add(LogEntry.command(index, term, ("t" + term + "i" + index).getBytes(StandardCharsets.UTF_8)));
        }
        return out;
    }

    /** Concatenates logs. */
    @SafeVarargs
    static List<LogEntry> concat(List<LogEntry>... parts) {
        List<LogEntry> out = new ArrayList<>();
        Arrays.stream(parts).forEach(out::addAll);
        return out;
    }

    static StoredState stored(long term, int votedFor, List<LogEntry> log) {
        return new StoredState(new HardState(term, votedFor), log);
    }

    static StoredState stored(long term, int votedFor, long... logTerms) {
        return stored(term, votedFor, log(logTerms));
    }

    static RaftConfig config(int self, int size, boolean preVote, boolean checkQuorum) {
        int[] voters = new int[size];
        Arrays.setAll(voters, i -> i + 1);
        return new RaftConfig(self, voters, ELECTION_TIMEOUT, HEARTBEAT, 64, 1 << 20, 8, preVote, checkQuorum);
    }

    /** A core for member {@code self} of members 1..{@code size}, started at time 0. */
    static RaftCore core(int self, int size, StoredState stored, boolean preVote, boolean checkQuorum) {
        return new RaftCore(config(self, size, preVote, checkQuorum), stored, new SplittableRandom(self), 0);
    }

    /** A core with pre-vote and check-quorum on, as {@link RaftConfig#of} has them. */
    static RaftCore core(int self, int size, StoredState stored) {
        return core(self, size, stored, true, true);
    }

    /**
     * Lets an election timeout pass on a core just built from a stored term (a restarted member), which ignores
     * vote requests until then (it may have heard from a leader just before restarting); its own election
     * timer has not fired yet.
     */
    static RaftCore pastRestartQuiet(RaftCore core) {
        core.tick(ELECTION_TIMEOUT);
        if (core.role() != io.graft.api.Role.FOLLOWER) {
            throw new AssertionError("the core's election timer fired while waiting: " + core);
        }
        core.ready();
        return core;
    }

    /** The messages of type {@code type}. */
    static <T extends Message> List<T> ofType(List<Message> messages, Class<T> type) {
        return messages.stream().filter(type::isInstance).map(type::cast).toList();
    }

    /** Plays a follower's Ready as a runtime would: persists it at once and reports back. */
    static Ready readyAndPersist(RaftCore core) {
        Ready r = core.ready();
        if (!r.entries().isEmpty()) {
            LogEntry last = r.entries().get(r.entries().size() - 1);
            core.persisted(last.index(), last.term());
        }
        return r;
    }
}
