package io.graft.core.internal.raft;

import java.util.EnumSet;
import java.util.Set;

/**
 * Opens {@link RaftCore}'s package-private test hooks to the simulator in {@code io.graft.core.internal.sim}: deliberate
 * classic mistakes, and a small number of entries kept after a snapshot (so that followers need snapshot
 * transfers after a few commands rather than after a thousand).
 */
public final class CoreTestHooks {

    /**
     * Classic Raft mistakes a test can switch on in a core, and two ways to miss a damaged member (no repair of
     * lost entries, free votes while catching up); see the main code's {@code InjectedBug}.
     */
    public enum ClassicBug {
        /** A leader commits an earlier term's entry by counting replicas (Figure 8). */
        COMMIT_PREVIOUS_TERM_BY_COUNTING,
        /** A granted vote leaves before it is durable. */
        VOTE_BEFORE_PERSIST,
        /** A follower truncates its log on a stale, reordered AppendEntries. */
        TRUNCATE_ON_STALE_APPEND,
        /** Entries are applied once durable, before they are committed. */
        APPLY_BEFORE_COMMIT,
        /** A leader keeps the match of a follower that lost entries it acknowledged: no repair. */
        KEEP_MATCH_OF_DAMAGED_FOLLOWER,
        /** A member that started without data votes freely before it is caught up. */
        CATCHING_UP_VOTES_FREELY;

        InjectedBug inCore() {
            return InjectedBug.valueOf(name());
        }
    }

    private CoreTestHooks() {
    }

    /** Switches on {@code bugs} in {@code core} (an empty set switches all off). */
    public static void inject(RaftCore core, Set<ClassicBug> bugs) {
        EnumSet<InjectedBug> inCore = EnumSet.noneOf(InjectedBug.class);
        bugs.forEach(b -> inCore.add(b.inCore()));
        core.injectBugs(inCore);
    }

    /** How many entries below a new snapshot {@code core} keeps in memory. */
    public static void keepEntriesAfterSnapshot(RaftCore core, long entries) {
        core.entriesKeptAfterSnapshot(entries);
    }
}
