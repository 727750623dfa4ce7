package io.graft.core.internal.raft;

import io.graft.api.Role;
import io.graft.core.internal.protocol.AppendResponse;
import io.graft.core.internal.protocol.Message;
import io.graft.core.internal.protocol.VoteRequest;
import io.graft.core.internal.protocol.VoteResponse;
import io.graft.core.storage.HardState;
import io.graft.core.storage.LogEntry;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Raft's safety properties, checked by {@link CoreCluster} after every event. A violation throws an
 * {@link AssertionError} that names the members and indexes involved.
 *
 * <ul>
 *   <li>Election safety: at most one leader per term.</li>
 *   <li>One vote per member per term (granted votes that actually left the member).</li>
 *   <li>Persist before answering (a rule check): granted votes, successful acknowledgements and real vote
 *       requests never leave before the write they depend on. The hard state's term never decreases and a
 *       vote once recorded is never changed within its term.</li>
 *   <li>A leader commits by counting only entries of its own term (a rule check, §5.4.2).</li>
 *   <li>State machine safety: every member applies the same entry at each index, each once and in order;
 *       the cluster's committed log only grows.</li>
 *   <li>Commit indexes never decrease (within one run of a member).</li>
 *   <li>Leader completeness: a leader holds every entry committed before its term began.</li>
 *   <li>Log matching, on demand: two logs with the same term at an index agree on everything before it.</li>
 *   <li>Snapshots: a restored snapshot covers exactly the committed entry at its index.</li>
 * </ul>
 *
 * <p>Members may compact their logs: entries below a member's snapshot are skipped, not reported missing.
 */
public final class SafetyChecker {
    private final boolean checkRules;
    private final Map<Long, Integer> leaderOfTerm = new HashMap<>();
    private final Map<Long, Integer> voteOf = new HashMap<>();
    /** The cluster's committed log as applied by anyone, from index 1. */
    private final List<LogEntry> committed = new ArrayList<>();
    /** For each committed index, the highest term any member had when it was first applied. */
    private final List<Long> committedBy = new ArrayList<>();

    /** A checker with every check on. */
    public SafetyChecker() {
        this(true);
    }

    /**
     * @param checkRules whether to also check two of Raft's implementation rules directly: votes, vote
     *                   requests and acknowledgements leave only after the write they depend on, and a leader
     *                   advances its commit index only to an entry of its own term (§5.4.2). Off, only the
     *                   consequences of breaking them (two votes in a term, two leaders, lost or diverging
     *                   entries) are caught.
     */
    public SafetyChecker(boolean checkRules) {
        this.checkRules = checkRules;
    }

    /** Checks the actions of one {@link Ready}, before the member carries them out. */
    public void onReady(CheckedMember n, Ready r) {
        for (Message m : checkRules ? r.messages() : List.<Message>of()) {
            if (m instanceof VoteRequest v && !v.preVote()) {
                fail(n, "sent a vote request before persisting its own vote: " + m);
            }
            if (m instanceof VoteResponse v && v.granted() && !v.preVote()) {
                fail(n, "granted a vote before persisting it: " + m);
            }
            if (m instanceof AppendResponse a && a.success()) {
                fail(n, "acknowledged entries before persisting them: " + m);
            }
        }
        HardState hs = r.hardState();
        if (hs != null) {
            HardState last = n.marks().lastIssuedHardState;
            if (hs.term() < last.term()) {
                fail(n, "hard state term went back from " + last + " to " + hs);
            }
            if (hs.term() == last.term() && last.votedFor() != 0 && hs.votedFor() != last.votedFor()) {
                fail(n, "changed its vote within term " + hs.term() + ": " + last + " -> " + hs);
            }
            n.marks().lastIssuedHardState = hs;
        }
        for (int i = 1; i < r.entries().size(); i++) {
            if (r.entries().get(i).index() != r.entries().get(i - 1).index() + 1) {
                fail(n, "entries to persist are not consecutive: " + r.entries());
            }
        }
    }

    /** Called when a message waiting for a write leaves, the write being durable. */
    public void onRelease(CheckedMember n, Message m) {
        // Only votes that left count: a member that crashed before its vote was durable may vote again.
        if (m instanceof VoteResponse v && v.granted() && !v.preVote()) {
            Integer before = voteOf.putIfAbsent(voteKey(n.id(), v.term()), v.to());
            if (before != null && before != v.to()) {
                fail(n, "voted for " + before + " and " + v.to() + " in term " + v.term());
            }
        }
    }

    /**
     * Member {@code member}'s data was erased (a wiped disk): it no longer knows the votes it gave, so the one
     * vote per term it gives from now on is checked afresh. Election safety is still checked across the wipe.
     */
    public void forgetVotesOf(int member) {
        voteOf.keySet().removeIf(key -> key % 1024 == member);
    }

    /** Called when member {@code n} is about to apply {@code e}, before it counts as applied. */
    public void onApply(CheckedMember n, LogEntry e, Collection<? extends CheckedMember> all) {
        long i = e.index();
        if (i != n.lastApplied() + 1L) {
            fail(n, "applied " + e + " after entry " + n.lastApplied() + ": out of order or twice");
        }
        if (i > committed.size() + 1L) {
            fail(n, "applied " + e + " but nobody applied entry " + (committed.size() + 1) + " yet");
        }
        if (i <= committed.size()) {
            LogEntry first = committed.get((int) (i - 1));
            if (!first.equals(e)) {
                fail(n, "applied " + e + " where another member applied " + first);
            }
        } else {
            committed.add(e);
            long maxTerm = 0;
            for (CheckedMember m : all) {
                maxTerm = Math.max(maxTerm, m.core().term());
            }
            committedBy.add(maxTerm);
        }
    }

    /**
     * Called when member {@code n} restored its state machine from a snapshot covering entries up to
     * {@code index} of {@code term} (at start, or received from the leader): someone must have applied exactly
     * that entry, since snapshots are only taken of applied state.
     */
    public void onSnapshotRestored(CheckedMember n, long index, long term) {
        if (index > committed.size()) {
            fail(n, "restored a snapshot at " + index + "@" + term + " beyond the committed log (" + committed.size()
                    + " entries)");
        }
        LogEntry e = committed.get((int) (index - 1));
        if (e.term() != term) {
            fail(n, "restored a snapshot at " + index + "@" + term + " but the committed entry there is " + e);
        }
    }

    /** Checks every running member's state after an event. */
    public void afterEvent(Collection<? extends CheckedMember> all) {
        for (CheckedMember n : all) {
            if (!n.isUp()) {
                continue;
            }
            RaftCore c = n.core();
            CheckedMember.Marks marks = n.marks();
            if (c.commitIndex() < marks.lastSeenCommit) {
                fail(n, "commit index went back from " + marks.lastSeenCommit + " to " + c.commitIndex());
            }
            if (checkRules && c.role() == Role.LEADER && c.commitIndex() > marks.lastSeenCommit
                    && c.termAt(c.commitIndex()) != c.term()) {
                fail(n, "as leader of term " + c.term() + " committed up to entry " + c.commitIndex() + " of term "
                        + c.termAt(c.commitIndex()) + ": only entries of its own term may be committed by counting");
            }
            marks.lastSeenCommit = c.commitIndex();
            if (c.role() == Role.LEADER) {
                Integer before = leaderOfTerm.putIfAbsent(c.term(), n.id());
                if (before == null) {
                    checkLeaderCompleteness(n);
                } else if (before != n.id()) {
                    fail(n, "second leader in term " + c.term() + " (first was " + before + ")");
                }
            }
        }
    }

    /** A new leader must hold every entry committed before its term: it will never be asked to rewrite one. */
    private void checkLeaderCompleteness(CheckedMember n) {
        RaftCore c = n.core();
        for (int i = committed.size() - 1; i >= 0; i--) {
            long held = c.termAt(i + 1);
            if (held < 0 && i + 1 <= c.lastIndex()) {
                break; // Compacted: the leader's snapshot covers it (snapshots are checked when restored).
            }
            if (committedBy.get(i) < c.term() && held != committed.get(i).term()) {
                fail(n, "became leader of term " + c.term() + " without committed entry " + committed.get(i));
            }
        }
    }

    /** Checks that any two running members' logs agree below the highest index where their terms agree. */
    public void checkLogMatching(Collection<? extends CheckedMember> all) {
        List<CheckedMember> up = all.stream().filter(CheckedMember::isUp).map(m -> (CheckedMember) m).toList();
        for (int a = 0; a < up.size(); a++) {
            for (int b = a + 1; b < up.size(); b++) {
                RaftCore x = up.get(a).core();
                RaftCore y = up.get(b).core();
                long i = Math.min(x.lastIndex(), y.lastIndex());
                while (i > 0 && (x.termAt(i) != y.termAt(i) || x.termAt(i) < 0)) {
                    i--;
                }
                for (long j = i; j > 0; j--) {
                    long tx = x.termAt(j);
                    long ty = y.termAt(j);
                    if (tx < 0 || ty < 0) {
                        break; // Compacted below here on one of them.
                    }
                    if (tx != ty) {
                        throw new AssertionError("log matching violated between " + up.get(a) + " and " + up.get(b)
                                + ": same term at " + i + " but not at " + j);
                    }
                }
            }
        }
    }

    /** The committed log as applied so far, from index 1. */
    public List<LogEntry> committed() {
        return List.copyOf(committed);
    }

    private static long voteKey(int voter, long term) {
        return term * 1024 + voter;
    }

    /** The number of entries known committed (applied by some member). */
    public int committedCount() {
        return committed.size();
    }

    /** The committed entry at {@code index} (from 1), as first applied. */
    public LogEntry committedAt(long index) {
        return committed.get((int) (index - 1));
    }

    private static void fail(CheckedMember n, String what) {
        throw new AssertionError("member " + n.id() + " " + what + " [" + n + "]");
    }
}
