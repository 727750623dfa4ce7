package io.graft.core.internal.sim;

import io.graft.core.internal.protocol.Message;
import io.graft.core.internal.protocol.VoteResponse;
import io.graft.core.internal.raft.RaftCore;
import io.graft.core.internal.raft.SafetyChecker;
import io.graft.core.storage.EntryType;
import io.graft.core.storage.LogEntry;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The simulation's checks on top of the shared {@link SafetyChecker}, all incremental so that they run at
 * every step:
 * <ul>
 *   <li>One vote per member per term, as seen on the wire (catches a vote sent before it was durable and
 *       then forgotten in a crash, even when the persist-order check is off). A wiped member's earlier votes
 *       are forgotten with its disk.</li>
 *   <li>Log matching, incrementally: an entry with a given index and term has one content and one
 *       predecessor term, wherever it is written. By induction that is the Log Matching Property.</li>
 *   <li>Replica state: after applying entry i (or restoring a snapshot at i), a member's state digest equals
 *       the digest of the committed log's first i entries applied in order.</li>
 *   <li>No write lost and no false failure: every operation whose entry commits is recorded, and an operation a
 *       client was told definitely failed must never commit.</li>
 *   <li>A member never rewrites an entry its state machine applied.</li>
 * </ul>
 */
final class Invariants {
    private record Position(long index, long term) {
    }

    private record Written(long contentDigest, long previousTerm, int writer) {
    }

    private final SafetyChecker checker;
    private final History history;
    private final Map<Long, Integer> voteOf = new HashMap<>();
    private final Map<Position, Written> written = new HashMap<>();
    private final KvStore reference;
    private long[] digestAt = new long[1024];
    private final Map<Long, Long> committedIndexOfOp = new HashMap<>();

    Invariants(SafetyChecker checker, History history, int keys) {
        this.checker = checker;
        this.history = history;
        this.reference = new KvStore(keys);
        digestAt[0] = reference.digest();
    }

    /** Every message put on the wire. */
    void onSend(Message m) {
        if (m instanceof VoteResponse v && v.granted() && !v.preVote()) {
            Integer before = voteOf.putIfAbsent(v.term() * 1024 + v.from(), v.to());
            if (before != null && before != v.to()) {
                throw new AssertionError("member " + v.from() + " granted its vote in term " + v.term() + " to both "
                        + before + " and " + v.to());
            }
        }
    }

    /** Member {@code member}'s disk was erased: the votes it gave before are forgotten with it. */
    void forgetVotesOf(int member) {
        voteOf.keySet().removeIf(key -> key % 1024 == member);
    }

    /** Entries a member is about to write (its core's log already holds them). */
    void onWrite(SimMember n, List<LogEntry> entries) {
        if (entries.isEmpty()) {
            return;
        }
        if (entries.get(0).index() <= n.lastApplied) {
            throw new AssertionError("member " + n.id + " overwrites entry " + entries.get(0).index()
                    + " although it applied up to " + n.lastApplied);
        }
        RaftCore core = n.core;
        for (LogEntry e : entries) {
            if (core.termAt(e.index()) != e.term()) {
                throw new AssertionError("member " + n.id + " writes " + e + " that its log does not hold (term there "
                        + core.termAt(e.index()) + ")");
            }
            long previous = core.termAt(e.index() - 1);
            Written w = new Written(contentDigest(e), previous, n.id);
            Written before = written.putIfAbsent(new Position(e.index(), e.term()), w);
            if (before == null) {
                continue;
            }
            if (before.contentDigest != w.contentDigest) {
                throw new AssertionError("log matching violated: members " + before.writer + " and " + n.id
                        + " hold different entries at index " + e.index() + " of term " + e.term());
            }
            if (before.previousTerm >= 0 && previous >= 0 && before.previousTerm != previous) {
                throw new AssertionError("log matching violated: members " + before.writer + " and " + n.id
                        + " agree on entry " + e.index() + "@" + e.term() + " but not on the term before it ("
                        + before.previousTerm + " vs " + previous + ")");
            }
        }
    }

    /** Member {@code n} is about to apply {@code e}. */
    void beforeApply(SimMember n, LogEntry e, List<SimMember> all) {
        int committedBefore = checker.committedCount();
        checker.onApply(n, e, all);
        if (checker.committedCount() > committedBefore) {
            onCommitted(e);
        }
    }

    /** Member {@code n} applied up to its {@code lastApplied}: its state must be the committed log's. */
    void afterApply(SimMember n) {
        long expected = digestAt[(int) n.lastApplied];
        if (n.store.digest() != expected) {
            throw new AssertionError("member " + n.id + " state after entry " + n.lastApplied + " is " + n.store
                    + ", which is not what the committed log gives");
        }
    }

    /** Member {@code n} restored its state from a snapshot at {@code index} of {@code term}. */
    void onSnapshotRestored(SimMember n, long index, long term) {
        checker.onSnapshotRestored(n, index, term);
        if (n.store.digest() != digestAt[(int) index]) {
            throw new AssertionError("member " + n.id + " restored a snapshot at " + index + " holding " + n.store
                    + ", which is not what the committed log gives at that index");
        }
    }

    private void onCommitted(LogEntry e) {
        if (e.type() == EntryType.COMMAND) {
            KvCommand c = KvCommand.decode(e.payload());
            reference.apply(c);
            Long before = committedIndexOfOp.putIfAbsent(c.opId(), e.index());
            if (before != null) {
                throw new AssertionError("operation " + c.opId() + " committed twice, at " + before + " and " + e.index());
            }
            History.Op op = history.get(c.opId());
            if (op != null && op.status == History.Status.FAIL) {
                throw new AssertionError("entry " + e.index() + " committed " + op + ", which its client was told had"
                        + " failed without effect");
            }
        }
        if (e.index() >= digestAt.length) {
            digestAt = Arrays.copyOf(digestAt, digestAt.length * 2);
        }
        digestAt[(int) e.index()] = reference.digest();
    }

    /** A client was told that {@code op} failed without effect: it must not have committed. */
    void onFailureReported(History.Op op) {
        Long index = committedIndexOfOp.get(op.id);
        if (index != null) {
            throw new AssertionError(op + " was reported failed without effect, but it committed at index " + index);
        }
    }

    /** The committed index of operation {@code opId}'s entry, or {@code null}. */
    Long committedIndexOf(long opId) {
        return committedIndexOfOp.get(opId);
    }

    /** The state digest the committed log gives after {@code index} entries. */
    long digestAt(long index) {
        return digestAt[(int) index];
    }

    private static long contentDigest(LogEntry e) {
        return Trace.digest(e.payload()) * 31 + e.type().ordinal();
    }
}
