package io.graft.core.raft;

import io.graft.api.Role;
import io.graft.core.protocol.AppendResponse;
import io.graft.core.protocol.LogEntry;
import io.graft.core.protocol.Message;
import io.graft.core.protocol.VoteRequest;
import io.graft.core.protocol.VoteResponse;
import io.graft.core.storage.HardState;
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
 *   <li>Persist before answering: granted votes, successful acknowledgements and real vote requests never
 *       leave before the write they depend on; the hard state's term never decreases and a vote once
 *       recorded is never changed within its term.</li>
 *   <li>State machine safety: every member applies the same entry at each index, each once and in order;
 *       the cluster's committed log only grows.</li>
 *   <li>Commit indexes never decrease (within one run of a member).</li>
 *   <li>Leader completeness: a leader holds every entry committed before its term began.</li>
 *   <li>Log matching, on demand: two logs with the same term at an index agree on everything before it.</li>
 * </ul>
 */
final class SafetyChecker {
    private final Map<Long, Integer> leaderOfTerm = new HashMap<>();
    private final Map<Long, Integer> voteOf = new HashMap<>();
    /** The cluster's committed log as applied by anyone, from index 1. */
    private final List<LogEntry> committed = new ArrayList<>();
    /** For each committed index, the highest term any member had when it was first applied. */
    private final List<Long> committedBy = new ArrayList<>();

    void onReady(SimNode n, Ready r) {
        for (Message m : r.messages()) {
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
            HardState last = n.lastIssuedHardState;
            if (hs.term() < last.term()) {
                fail(n, "hard state term went back from " + last + " to " + hs);
            }
            if (hs.term() == last.term() && last.votedFor() != 0 && hs.votedFor() != last.votedFor()) {
                fail(n, "changed its vote within term " + hs.term() + ": " + last + " -> " + hs);
            }
            n.lastIssuedHardState = hs;
        }
        for (int i = 1; i < r.entries().size(); i++) {
            if (r.entries().get(i).index() != r.entries().get(i - 1).index() + 1) {
                fail(n, "entries to persist are not consecutive: " + r.entries());
            }
        }
    }

    /** Called when a message waiting for a write leaves, the write being durable. */
    void onRelease(SimNode n, Message m) {
        // Only votes that left count: a member that crashed before its vote was durable may vote again.
        if (m instanceof VoteResponse v && v.granted() && !v.preVote()) {
            Integer before = voteOf.putIfAbsent(voteKey(n.id(), v.term()), v.to());
            if (before != null && before != v.to()) {
                fail(n, "voted for " + before + " and " + v.to() + " in term " + v.term());
            }
        }
    }

    void onApply(SimNode n, LogEntry e, Collection<SimNode> all) {
        long i = e.index();
        if (i != n.applied().size() + 1L) {
            fail(n, "applied " + e + " after " + n.applied().size() + " entries: out of order or twice");
        }
        if (i <= committed.size()) {
            LogEntry first = committed.get((int) (i - 1));
            if (!first.equals(e)) {
                fail(n, "applied " + e + " where another member applied " + first);
            }
        } else {
            committed.add(e);
            long maxTerm = 0;
            for (SimNode m : all) {
                maxTerm = Math.max(maxTerm, m.core().term());
            }
            committedBy.add(maxTerm);
        }
    }

    void afterEvent(Collection<SimNode> all) {
        for (SimNode n : all) {
            if (!n.isUp()) {
                continue;
            }
            RaftCore c = n.core();
            if (c.commitIndex() < n.lastSeenCommit) {
                fail(n, "commit index went back from " + n.lastSeenCommit + " to " + c.commitIndex());
            }
            n.lastSeenCommit = c.commitIndex();
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
    private void checkLeaderCompleteness(SimNode n) {
        RaftCore c = n.core();
        for (int i = 0; i < committed.size(); i++) {
            if (committedBy.get(i) < c.term() && c.termAt(i + 1) != committed.get(i).term()) {
                fail(n, "became leader of term " + c.term() + " without committed entry " + committed.get(i));
            }
        }
    }

    /** Checks that any two running members' logs agree below the highest index where their terms agree. */
    void checkLogMatching(Collection<SimNode> all) {
        List<SimNode> up = all.stream().filter(SimNode::isUp).toList();
        for (int a = 0; a < up.size(); a++) {
            for (int b = a + 1; b < up.size(); b++) {
                RaftCore x = up.get(a).core();
                RaftCore y = up.get(b).core();
                long i = Math.min(x.lastIndex(), y.lastIndex());
                while (i > 0 && x.termAt(i) != y.termAt(i)) {
                    i--;
                }
                for (long j = i; j > 0; j--) {
                    if (x.termAt(j) != y.termAt(j)) {
                        throw new AssertionError("log matching violated between " + up.get(a) + " and " + up.get(b)
                                + ": same term at " + i + " but not at " + j);
                    }
                }
            }
        }
    }

    /** The committed log as applied so far, from index 1. */
    List<LogEntry> committed() {
        return List.copyOf(committed);
    }

    private static long voteKey(int voter, long term) {
        return term * 1024 + voter;
    }

    private static void fail(SimNode n, String what) {
        throw new AssertionError("member " + n.id() + " " + what + " [" + n + "]");
    }
}
