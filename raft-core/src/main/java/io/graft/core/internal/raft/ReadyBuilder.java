package io.graft.core.internal.raft;

import io.graft.api.Role;
import io.graft.core.internal.protocol.InstallSnapshot;
import io.graft.core.internal.protocol.InstallSnapshotResponse;
import io.graft.core.internal.protocol.Message;
import io.graft.core.storage.HardState;
import io.graft.core.storage.LogEntry;
import java.util.ArrayList;
import java.util.List;

/**
 * Accumulates the core's actions between two {@link RaftCore#ready()} calls. Lists are created on first use:
 * most rounds fill one or two of them.
 */
final class ReadyBuilder {
    HardState hardState;
    private List<LogEntry> entries = List.of();
    private List<Message> messages = List.of();
    private List<Message> afterPersist = List.of();
    long truncatedFrom;
    long resetLogTo;
    long compactLogTo;
    private List<SnapshotTarget> snapshotTargets = List.of();
    private List<InstallSnapshot> snapshotChunks = List.of();
    private List<InstallSnapshotResponse> snapshotAcks = List.of();
    private List<ReadState> readStates = List.of();

    /**
     * Adds entries to persist (consecutive, an immutable list); entries that overwrite not-yet-handed-over
     * ones replace them.
     */
    void persist(List<LogEntry> batch) {
        if (batch.isEmpty()) {
            return;
        }
        if (entries.isEmpty()) {
            entries = batch;
            return;
        }
        long first = batch.get(0).index();
        long pendingFirst = entries.get(0).index();
        if (first <= pendingFirst) {
            entries = batch;
            return;
        }
        int keep = (int) (first - pendingFirst);
        List<LogEntry> kept = keep < entries.size() ? entries.subList(0, keep) : entries;
        entries = concat(kept, batch);
    }

    private static List<LogEntry> concat(List<LogEntry> a, List<LogEntry> b) {
        List<LogEntry> both = new ArrayList<>(a.size() + b.size());
        both.addAll(a);
        both.addAll(b);
        return both;
    }

    /** Drops every entry to persist (a snapshot replaced the log). */
    void clearEntries() {
        entries = List.of();
    }

    /** Drops the entries to persist above {@code index}. */
    void keepEntriesUpTo(long index) {
        if (entries.isEmpty()) {
            return;
        }
        long keep = index - entries.get(0).index() + 1;
        if (keep <= 0) {
            entries = List.of();
        } else if (keep < entries.size()) {
            entries = entries.subList(0, (int) keep);
        }
    }

    void send(Message m) {
        messages = plus(messages, m);
    }

    void sendAfterPersist(Message m) {
        afterPersist = plus(afterPersist, m);
    }

    void snapshotTarget(SnapshotTarget t) {
        snapshotTargets = plus(snapshotTargets, t);
    }

    void snapshotChunk(InstallSnapshot c) {
        snapshotChunks = plus(snapshotChunks, c);
    }

    void snapshotAck(InstallSnapshotResponse r) {
        snapshotAcks = plus(snapshotAcks, r);
    }

    /**
     * {@code list} with {@code item} added: a one-element immutable list for the first item (the usual
     * case: one acknowledgement, one request per follower), a growable list from the second on.
     */
    private static <T> List<T> plus(List<T> list, T item) {
        if (list.isEmpty()) {
            return List.of(item);
        }
        if (list.size() == 1) {
            List<T> grown = new ArrayList<>(4);
            grown.add(list.get(0));
            grown.add(item);
            return grown;
        }
        list.add(item);
        return list;
    }

    void readStates(List<ReadState> confirmed) {
        if (readStates.isEmpty()) {
            readStates = new ArrayList<>(confirmed);
        } else {
            readStates.addAll(confirmed);
        }
    }

    void truncated(long index) {
        truncatedFrom = truncatedFrom == 0 ? index : Math.min(truncatedFrom, index);
    }

    boolean isEmpty() {
        return hardState == null && entries.isEmpty() && messages.isEmpty() && afterPersist.isEmpty()
                && truncatedFrom == 0 && resetLogTo == 0 && compactLogTo == 0 && snapshotTargets.isEmpty()
                && snapshotChunks.isEmpty() && snapshotAcks.isEmpty() && readStates.isEmpty();
    }

    /**
     * The accumulated actions as a {@link Ready}, with the given hard state and committed entries; the
     * builder is then empty again (the Ready keeps the lists, which the builder no longer touches).
     */
    Ready build(HardState hs, List<LogEntry> committed, Role role, long term, int leaderId, long commitIndex) {
        Ready r = new Ready(hs, entries, messages, afterPersist, committed, truncatedFrom, role, term, leaderId,
                commitIndex, resetLogTo, compactLogTo, snapshotTargets, snapshotChunks, snapshotAcks, readStates);
        hardState = null;
        entries = List.of();
        messages = List.of();
        afterPersist = List.of();
        truncatedFrom = 0;
        resetLogTo = 0;
        compactLogTo = 0;
        snapshotTargets = List.of();
        snapshotChunks = List.of();
        snapshotAcks = List.of();
        readStates = List.of();
        return r;
    }
}
