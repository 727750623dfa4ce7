package io.graft.core.internal.raft;

import io.graft.core.internal.protocol.Message;
import io.graft.core.storage.HardState;
import io.graft.core.storage.LogEntry;
import io.graft.core.storage.StoredState;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * One member's simulated disk. Each {@link Ready} becomes a {@link Write}; writes become durable strictly in
 * order, either at once or, while the disk is paused, when the test lets them. A crash forgets the writes not
 * yet durable, exactly what a real disk without fsync would do.
 */
final class SimStorage {

    /**
     * What one {@link Ready} asks the disk to do, and the messages it releases once durable.
     *
     * @param hardState term and vote to record, or {@code null}
     * @param entries entries to write (a first index at or below the last stored one truncates there first)
     * @param afterPersist messages that may leave only once this write is durable
     */
    record Write(HardState hardState, List<LogEntry> entries, List<Message> afterPersist) {
        boolean isEmpty() {
            return hardState == null && entries.isEmpty() && afterPersist.isEmpty();
        }
    }

    private HardState hardState;
    private final List<LogEntry> log = new ArrayList<>();
    private final ArrayDeque<Write> pending = new ArrayDeque<>();
    private boolean paused;

    SimStorage(StoredState initial) {
        this.hardState = initial.hardState();
        this.log.addAll(initial.entries());
    }

    /** What a member restarting from this disk finds. */
    StoredState recover() {
        return new StoredState(hardState, List.copyOf(log));
    }

    void submit(Write write) {
        if (!write.isEmpty()) {
            pending.addLast(write);
        }
    }

    /**
     * Makes the oldest pending write durable.
     *
     * @param floor entries up to this index must never be truncated (the member applied them)
     * @return the write, or {@code null} if none was pending
     */
    Write syncOne(long floor) {
        Write w = pending.pollFirst();
        if (w == null) {
            return null;
        }
        if (w.hardState() != null) {
            hardState = w.hardState();
        }
        if (!w.entries().isEmpty()) {
            long first = w.entries().get(0).index();
            if (first > log.size() + 1L) {
                throw new AssertionError("write leaves a gap: first index " + first + " after stored last " + log.size());
            }
            if (first <= floor) {
                throw new AssertionError("write truncates applied entry " + first + " (applied up to " + floor + ")");
            }
            while (log.size() >= first) {
                log.remove(log.size() - 1);
            }
            log.addAll(w.entries());
        }
        return w;
    }

    /**
     * Damage while the member is down: the durable log loses every entry from {@code index} on (a cut or
     * damaged newest segment, a restored older backup, a lost write cache). Term and vote stay.
     */
    void loseEntriesFrom(long index) {
        while (log.size() >= index) {
            log.remove(log.size() - 1);
        }
    }

    /** Damage while the member is down: the whole data directory is gone, so the member starts blank. */
    void wipe() {
        log.clear();
        pending.clear();
        hardState = HardState.BLANK;
    }

    /** Forgets every write that is not yet durable. */
    void crash() {
        pending.clear();
    }

    boolean paused() {
        return paused;
    }

    void paused(boolean paused) {
        this.paused = paused;
    }

    boolean hasPending() {
        return !pending.isEmpty();
    }

    HardState hardState() {
        return hardState;
    }

    /** The durable log, from index 1. */
    List<LogEntry> log() {
        return List.copyOf(log);
    }

    long lastIndex() {
        return log.size();
    }

    /** The durable entry at {@code index}, or {@code null}. */
    LogEntry entry(long index) {
        return index >= 1 && index <= log.size() ? log.get((int) (index - 1)) : null;
    }
}
