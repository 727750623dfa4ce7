package io.graft.core.raft;

import io.graft.core.protocol.InstallSnapshot;
import io.graft.core.protocol.InstallSnapshotResponse;
import io.graft.core.protocol.LogEntry;
import io.graft.core.protocol.Message;
import io.graft.core.storage.HardState;
import java.util.ArrayList;
import java.util.List;

/** Accumulates the core's actions between two {@link RaftCore#ready()} calls. */
final class ReadyBuilder {
    HardState hardState;
    final List<LogEntry> entries = new ArrayList<>();
    final List<Message> messages = new ArrayList<>();
    final List<Message> afterPersist = new ArrayList<>();
    long truncatedFrom;
    long resetLogTo;
    long compactLogTo;
    final List<SnapshotTarget> snapshotTargets = new ArrayList<>();
    final List<InstallSnapshot> snapshotChunks = new ArrayList<>();
    final List<InstallSnapshotResponse> snapshotAcks = new ArrayList<>();
    final List<ReadState> readStates = new ArrayList<>();

    /** Adds entries to persist; entries that overwrite not-yet-handed-over ones replace them. */
    void persist(List<LogEntry> batch) {
        if (batch.isEmpty()) {
            return;
        }
        long first = batch.get(0).index();
        if (!entries.isEmpty()) {
            long pendingFirst = entries.get(0).index();
            if (first <= pendingFirst) {
                entries.clear();
            } else {
                int keep = (int) (first - pendingFirst);
                if (keep < entries.size()) {
                    entries.subList(keep, entries.size()).clear();
                }
            }
        }
        entries.addAll(batch);
    }

    void persist(LogEntry entry) {
        persist(List.of(entry));
    }

    void truncated(long index) {
        truncatedFrom = truncatedFrom == 0 ? index : Math.min(truncatedFrom, index);
    }

    boolean isEmpty() {
        return hardState == null && entries.isEmpty() && messages.isEmpty() && afterPersist.isEmpty()
                && truncatedFrom == 0 && resetLogTo == 0 && compactLogTo == 0 && snapshotTargets.isEmpty()
                && snapshotChunks.isEmpty() && snapshotAcks.isEmpty() && readStates.isEmpty();
    }
}
