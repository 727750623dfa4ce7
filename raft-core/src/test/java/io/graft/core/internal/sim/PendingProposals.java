package io.graft.core.internal.sim;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * A leader's proposals awaiting their outcome, with the runtime's rules (its {@code PendingCommands} and
 * {@code ApplyWorker}): an entry applied at a proposal's index completes it if the terms match and fails it
 * (not committed) if they differ; losing leadership makes the outcome of every proposal above the commit index
 * unknown (checked first: see {@code OverwrittenProposalTest}); a truncation while still leading would fail the
 * proposals it overwrote.
 */
final class PendingProposals {

    /** A proposal in the log at {@code index} of {@code term}, for client operation {@code opId}. */
    record Pending(long index, long term, long opId, int client) {
    }

    private final ArrayDeque<Pending> queue = new ArrayDeque<>();

    void add(Pending p) {
        queue.addLast(p);
    }

    /** Removes the proposals at or below {@code index}: their entries are being applied. */
    List<Pending> takeUpTo(long index) {
        List<Pending> taken = new ArrayList<>();
        while (!queue.isEmpty() && queue.peekFirst().index() <= index) {
            taken.add(queue.pollFirst());
        }
        return taken;
    }

    /** Removes the proposals a newer leader overwrote, from {@code index} on. */
    List<Pending> overwrittenFrom(long index) {
        List<Pending> out = new ArrayList<>();
        while (!queue.isEmpty() && queue.peekLast().index() >= index) {
            out.add(queue.pollLast());
        }
        return out;
    }

    /** Removes the proposals above {@code commitIndex}: leadership was lost before their outcome was known. */
    List<Pending> leadershipLost(long commitIndex) {
        List<Pending> out = new ArrayList<>();
        while (!queue.isEmpty() && queue.peekLast().index() > commitIndex) {
            out.add(queue.pollLast());
        }
        return out;
    }

    void clear() {
        queue.clear();
    }
}
