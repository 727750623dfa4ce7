package io.graft.core.internal.sim;

import io.graft.core.internal.protocol.Message;
import io.graft.core.snapshot.SnapshotMeta;
import io.graft.core.storage.HardState;
import io.graft.core.storage.LogEntry;
import io.graft.core.storage.StoredState;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * One member's disk, with fsync semantics. Writes queue up in the process; a sync takes every queued write
 * at once (group commit, as the runtime's storage thread does), hands them to the OS and forces them. Only
 * then are they durable. A crash loses the queued writes; of the writes being synced, a prefix survives,
 * possibly cut inside a batch of entries (a torn tail, which the file log cuts off on load); the rest is
 * lost. Everything synced survives. That is exactly the contract the crash-safe file log guarantees: a term
 * or vote is forced before later log writes, and an invalid record is only ever the tail.
 *
 * <p>Snapshots are kept beside the log, the newest {@value #SNAPSHOTS_KEPT} as the file snapshot store keeps
 * them; a snapshot is stored durably as a whole before the core hears of it.
 *
 * <p>A new disk holds nothing. It reports either {@link HardState#BLANK}, as real storage does for a new data
 * directory, or {@link HardState#INITIAL}, a member trusted to hold every committed entry (see
 * {@link SimParameters#blankStart()}). A wiped disk reports {@code BLANK}. While its member is down, the disk can
 * be damaged beyond what a crash does: {@linkplain #wipe() erased} (a replaced disk, a deleted directory) or
 * {@linkplain #loseSuffixAfter(long) cut} (synced entries lost to disk damage, a lost write cache or an older
 * backup). {@link DamageRules} decides when such damage may strike.
 */
final class SimDisk {
    /** How many snapshots are kept, newest first (as {@code FileSnapshotStore} does). */
    static final int SNAPSHOTS_KEPT = 2;

    /**
     * One {@link io.graft.core.internal.raft.Ready}'s storage work, in the order the runtime carries it out.
     *
     * @param resetLogTo if positive, discard the log first; the next entry follows this index
     * @param hardState term and vote to record, or {@code null}
     * @param entries entries to write (a first index at or below the last stored one truncates there first)
     * @param compactLogTo if positive, entries up to here may go once the write is durable
     * @param afterPersist messages that leave only once this write is durable
     */
    record Write(long resetLogTo, HardState hardState, List<LogEntry> entries, long compactLogTo,
                 List<Message> afterPersist) {
    }

    /** A durable snapshot: what it covers and its whole file, in the real snapshot format. */
    record Snapshot(SnapshotMeta meta, byte[] file) {
    }

    /** What survived a crash, for the trace. */
    record CrashLoss(int queuedWrites, int unsyncedUnits, int survivingUnits) {
        @Override
        public String toString() {
            return "lost " + queuedWrites + " queued writes; " + survivingUnits + " of " + unsyncedUnits
                    + " unsynced units survived";
        }
    }

    // Durable state.
    private HardState hardState;
    private final ArrayList<LogEntry> log = new ArrayList<>();
    private long base;
    private final TreeMap<Long, Snapshot> snapshots = new TreeMap<>();

    // Not yet durable.
    private final ArrayDeque<Write> queued = new ArrayDeque<>();
    private List<Write> syncing = List.of();

    /** @param initial the hard state a new, empty disk reports */
    SimDisk(HardState initial) {
        this.hardState = initial;
    }

    void submit(Write w) {
        queued.addLast(w);
    }

    boolean syncing() {
        return !syncing.isEmpty();
    }

    boolean hasQueued() {
        return !queued.isEmpty();
    }

    /** Starts syncing every queued write; returns them. */
    List<Write> startSync() {
        if (syncing()) {
            throw new IllegalStateException("a sync is already in flight");
        }
        syncing = new ArrayList<>(queued);
        queued.clear();
        return syncing;
    }

    /** The sync in flight completes: its writes are durable, and the log prefix a snapshot covers may go. */
    List<Write> completeSync() {
        List<Write> done = syncing;
        syncing = List.of();
        long compactTo = 0;
        for (Write w : done) {
            applyDurably(w);
            compactTo = Math.max(compactTo, w.compactLogTo());
        }
        if (compactTo > 0) {
            compactPrefix(compactTo);
        }
        return done;
    }

    /** The process dies: queued writes vanish, and only a random prefix of the writes being synced survives. */
    CrashLoss crash(SplittableRandom random) {
        int lostQueued = queued.size();
        queued.clear();
        int units = 0;
        for (Write w : syncing) {
            units += (w.resetLogTo() > 0 ? 1 : 0) + (w.hardState() != null ? 1 : 0) + w.entries().size();
        }
        int roll = random.nextInt(3);
        int surviving = roll == 0 ? 0 : roll == 1 ? units : random.nextInt(units + 1);
        int left = surviving;
        for (Write w : syncing) {
            if (left > 0 && w.resetLogTo() > 0) {
                reset(w.resetLogTo());
                left--;
            }
            if (left > 0 && w.hardState() != null) {
                hardState = w.hardState();
                left--;
            }
            for (LogEntry e : w.entries()) {
                if (left == 0) {
                    break;
                }
                append(List.of(e));
                left--;
            }
        }
        syncing = List.of();
        return new CrashLoss(lostQueued, units, surviving);
    }

    private void applyDurably(Write w) {
        if (w.resetLogTo() > 0) {
            reset(w.resetLogTo());
        }
        if (w.hardState() != null) {
            hardState = w.hardState();
        }
        if (!w.entries().isEmpty()) {
            append(w.entries());
        }
    }

    private void append(List<LogEntry> batch) {
        long first = batch.get(0).index();
        if (log.isEmpty() && first > base) {
            base = first - 1; // As the log storages allow: an empty log may start anywhere past a snapshot.
        }
        if (first <= base || first > lastIndex() + 1) {
            throw new AssertionError("the core asked to write entries from " + first + " to a log holding "
                    + (base + 1) + ".." + lastIndex() + ": a gap, or below the snapshot");
        }
        while (lastIndex() >= first) {
            log.remove(log.size() - 1);
        }
        log.addAll(batch);
    }

    private void reset(long snapshotIndex) {
        log.clear();
        base = snapshotIndex;
    }

    private void compactPrefix(long upTo) {
        int drop = (int) Math.min(log.size(), Math.max(0, upTo - base));
        log.subList(0, drop).clear();
        base += drop;
    }

    /** Stores a snapshot durably; the newest one is what a restart restores. Older ones beyond the few kept go. */
    void storeSnapshot(Snapshot s) {
        snapshots.put(s.meta().index(), s);
        while (snapshots.size() > SNAPSHOTS_KEPT) {
            snapshots.pollFirstEntry();
        }
    }

    /** The newest durable snapshot, or {@code null}. */
    Snapshot snapshot() {
        return snapshots.isEmpty() ? null : snapshots.lastEntry().getValue();
    }

    /** The durable snapshot covering up to {@code index} of {@code term}, or {@code null} if it is gone. */
    Snapshot snapshot(long index, long term) {
        Snapshot s = snapshots.get(index);
        return s != null && s.meta().term() == term ? s : null;
    }

    /** Erases everything durable: log, snapshots, hard state. Only while the member is down (nothing queued). */
    void wipe() {
        requireIdle("wiped");
        hardState = HardState.BLANK;
        log.clear();
        base = 0;
        snapshots.clear();
    }

    /**
     * Loses every durable entry after {@code keepThrough}, keeping the hard state and the snapshots. Only while
     * the member is down.
     *
     * @param keepThrough the last entry kept, from the index before the first held (all lost) to the one
     *                    before the last (only the last lost)
     * @return how many entries were lost
     */
    int loseSuffixAfter(long keepThrough) {
        requireIdle("cut");
        if (keepThrough < base || keepThrough >= lastIndex()) {
            throw new IllegalArgumentException("cannot cut the log " + (base + 1) + ".." + lastIndex() + " after "
                    + keepThrough);
        }
        int lost = (int) (lastIndex() - keepThrough);
        log.subList((int) (keepThrough - base), log.size()).clear();
        return lost;
    }

    private void requireIdle(String what) {
        if (!queued.isEmpty() || !syncing.isEmpty()) {
            throw new IllegalStateException("a disk with writes in flight cannot be " + what + ": its member runs");
        }
    }

    /** The durable hard state. */
    HardState hardState() {
        return hardState;
    }

    /** The index before the first durable log entry (entries up to it are only in snapshots, if anywhere). */
    long baseIndex() {
        return base;
    }

    /** The term of the durable log entry at {@code index}, or -1 if the log does not hold it. */
    long termAt(long index) {
        return index > base && index <= lastIndex() ? log.get((int) (index - base - 1)).term() : -1;
    }

    /**
     * Whether this disk durably holds the entry at {@code index} of {@code term}, or a snapshot that covers
     * {@code index} (only committed entries are in snapshots: if the entry is the committed one, the snapshot
     * holds it; if not, it can never commit).
     */
    boolean covers(long index, long term) {
        Snapshot newest = snapshot();
        return (newest != null && newest.meta().index() >= index) || termAt(index) == term;
    }

    /** What a member restarting from this disk finds in its log. */
    StoredState recover() {
        return new StoredState(hardState, List.copyOf(log));
    }

    long lastIndex() {
        return base + log.size();
    }

    @Override
    public String toString() {
        Snapshot snapshot = snapshot();
        return "disk[" + hardState + " log " + (base + 1) + ".." + lastIndex() + (snapshot == null ? ""
                : " snapshot " + snapshot.meta().index() + "@" + snapshot.meta().term()) + " queued " + queued.size()
                + " syncing " + syncing.size() + "]";
    }
}
