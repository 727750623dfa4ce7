package io.graft.core.internal.runtime;

import io.graft.core.internal.protocol.InstallSnapshotResponse;
import io.graft.core.internal.raft.SnapshotTarget;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * The leader's snapshot transfers, one per follower that needs one, owned by the event loop: one chunk in
 * flight per follower, the next sent when the follower asks for it, and the same one again when an answer
 * is overdue (chunks and answers can be lost).
 */
final class SnapshotSender {
    /** Reads a chunk of a snapshot and sends it to a follower: {@link SnapshotWorker#sendChunk}. */
    @FunctionalInterface
    interface ChunkReader {
        void sendChunk(int peer, long term, long index, long snapshotTerm, long offset);
    }

    private final ChunkReader worker;
    private final long resendAfterMillis;
    private final Map<Integer, Transfer> transfers = new HashMap<>();

    private static final class Transfer {
        final SnapshotTarget target;
        final long term;
        long offset;
        long sentAt;

        Transfer(SnapshotTarget target, long term) {
            this.target = target;
            this.term = term;
        }
    }

    SnapshotSender(ChunkReader worker, long resendAfterMillis) {
        this.worker = worker;
        this.resendAfterMillis = resendAfterMillis;
    }

    /** Starts (or restarts) sending {@code target}'s snapshot in {@code term}. */
    void start(SnapshotTarget target, long term, long now) {
        Transfer t = new Transfer(target, term);
        transfers.put(target.memberId(), t);
        send(t, now);
    }

    /** Handles a follower's answer: sends the chunk it asks for, or finishes. */
    void onAck(InstallSnapshotResponse r, long now) {
        Transfer t = transfers.get(r.from());
        if (t == null || t.target.index() != r.index()) {
            return;
        }
        if (r.installed()) {
            transfers.remove(r.from());
            return;
        }
        if (r.nextOffset() == t.offset && now - t.sentAt < resendAfterMillis) {
            // It asks for the chunk that just left: this answers a duplicate (a resent chunk, whose first copy
            // was answered too). Sending on it would keep one more chunk circling for good, and every resend
            // would add one; the chunk in flight is answered soon, or resent when overdue.
            return;
        }
        t.offset = r.nextOffset();
        send(t, now);
    }

    /** Resends overdue chunks. */
    void poll(long now) {
        for (Transfer t : transfers.values()) {
            if (now - t.sentAt >= resendAfterMillis) {
                send(t, now);
            }
        }
    }

    /** Leadership ended: the transfers stop (a new leader decides anew). */
    void cancelAll() {
        transfers.clear();
    }

    /** Forgets transfers started in a term other than {@code term}. */
    void retainTerm(long term) {
        for (Iterator<Transfer> it = transfers.values().iterator(); it.hasNext(); ) {
            if (it.next().term != term) {
                it.remove();
            }
        }
    }

    /** Forgets transfers to members that left the cluster. */
    void retainMembers(java.util.Set<Integer> members) {
        transfers.keySet().retainAll(members);
    }

    boolean isEmpty() {
        return transfers.isEmpty();
    }

    private void send(Transfer t, long now) {
        t.sentAt = now;
        worker.sendChunk(t.target.memberId(), t.term, t.target.index(), t.target.term(), t.offset);
    }
}
