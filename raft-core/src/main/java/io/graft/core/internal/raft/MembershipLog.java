package io.graft.core.internal.raft;

import io.graft.core.internal.protocol.ClusterMembership;
import io.graft.core.storage.EntryType;
import io.graft.core.storage.LogEntry;
import java.util.ArrayList;
import java.util.List;

/**
 * The memberships in a member's log. The one in effect is the latest, committed or not (thesis §4.1), so when
 * a conflicting leader truncates the log the previous one comes back; when the log is compacted, the latest
 * compacted one becomes the base, as a snapshot records it.
 */
final class MembershipLog {
    /** A membership and the index of the entry (or snapshot) that set it. */
    record Version(long index, ClusterMembership membership) {
    }

    private Version base;
    /** Configuration entries after the base, ascending by index. */
    private final List<Version> entries = new ArrayList<>();

    /**
     * @param base the membership before any entry of the log: a snapshot's, or the bootstrap one
     * @param baseIndex the snapshot's index, or 0 for the bootstrap membership
     */
    MembershipLog(ClusterMembership base, long baseIndex) {
        this.base = new Version(baseIndex, base);
    }

    /** Notes {@code e} if it is a configuration entry; returns whether it was. */
    boolean appended(LogEntry e) {
        if (e.type() != EntryType.CONFIGURATION) {
            return false;
        }
        entries.add(new Version(e.index(), ClusterMembership.decode(e.payload())));
        return true;
    }

    /** Forgets the entries from {@code index} on; returns whether the membership in effect changed. */
    boolean truncatedFrom(long index) {
        boolean changed = false;
        while (!entries.isEmpty() && entries.get(entries.size() - 1).index() >= index) {
            entries.remove(entries.size() - 1);
            changed = true;
        }
        return changed;
    }

    /** Folds the entries up to {@code index} into the base (the log before it is gone). */
    void compactedTo(long index) {
        while (!entries.isEmpty() && entries.get(0).index() <= index) {
            base = entries.remove(0);
        }
    }

    /** Replaces everything with a snapshot's membership. */
    void reset(long index, ClusterMembership membership) {
        entries.clear();
        base = new Version(index, membership);
    }

    /** The membership in effect: the latest one. */
    Version current() {
        return entries.isEmpty() ? base : entries.get(entries.size() - 1);
    }

    /** The latest membership at or below {@code commitIndex}. */
    Version committed(long commitIndex) {
        for (int i = entries.size() - 1; i >= 0; i--) {
            if (entries.get(i).index() <= commitIndex) {
                return entries.get(i);
            }
        }
        return base;
    }
}
