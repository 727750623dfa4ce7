package io.graft.core.internal.runtime;

import io.graft.api.NotCommittedException;
import io.graft.api.OutcomeUnknownException;
import io.graft.api.RaftException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * The leader's commands awaiting commit, in index order. Owned by the event loop thread.
 */
final class PendingCommands {
    private final ArrayDeque<Pending> queue = new ArrayDeque<>();
    private final Runnable onComplete;
    private final CompletionBatcher out;

    /**
     * @param onComplete called once per command this class fails (for backpressure accounting)
     * @param out where the failures go (the event loop's outcomes)
     */
    PendingCommands(Runnable onComplete, CompletionBatcher out) {
        this.onComplete = onComplete;
        this.out = out;
    }

    void add(Pending p) {
        queue.addLast(p);
    }

    boolean isEmpty() {
        return queue.isEmpty();
    }

    /** Removes and returns the commands at or below {@code index}: their entries are committed. */
    List<Pending> takeUpTo(long index) {
        if (queue.isEmpty() || queue.peekFirst().index() > index) {
            return List.of();
        }
        List<Pending> taken = new ArrayList<>();
        while (!queue.isEmpty() && queue.peekFirst().index() <= index) {
            taken.add(queue.pollFirst());
        }
        return taken;
    }

    /** Fails the commands whose entries a newer leader overwrote, from {@code index} on. */
    void overwrittenFrom(long index) {
        while (!queue.isEmpty() && queue.peekLast().index() >= index) {
            Pending p = queue.pollLast();
            fail(p, new NotCommittedException("entry " + p.index() + " of term " + p.term()
                    + " was overwritten by a newer leader; the command was not applied"));
        }
    }

    /** Fails every command above {@code commitIndex}: leadership was lost before their outcome was known. */
    void leadershipLost(long commitIndex, long newTerm) {
        while (!queue.isEmpty() && queue.peekLast().index() > commitIndex) {
            Pending p = queue.pollLast();
            fail(p, new OutcomeUnknownException("leadership was lost (now term " + newTerm + ") before entry "
                    + p.index() + " of term " + p.term() + " was known to commit; it may or may not be applied"));
        }
    }

    /** Fails everything (the node is closing). */
    void failAll(RaftException cause) {
        while (!queue.isEmpty()) {
            fail(queue.pollFirst(), cause);
        }
    }

    private void fail(Pending p, RaftException e) {
        // Counted whether or not the caller gave up on the future already: the command no longer waits here.
        out.fail(p.future(), e);
        onComplete.run();
    }

    /** Commands appended and waiting for their outcome. */
    int size() {
        return queue.size();
    }
}
