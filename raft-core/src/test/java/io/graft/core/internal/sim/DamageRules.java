package io.graft.core.internal.sim;

import java.util.List;

/**
 * When the nemesis may damage a disk beyond what a crash does, so that the simulator's checks stay meaningful.
 * Raft cannot stay safe under arbitrary damage: a member that silently lost entries it acknowledged can vote
 * for a candidate lacking them, and a majority that lost its data cannot be recovered by any protocol. Two
 * rules keep the damage within what Graft promises to survive, and {@link RepairWatch} keeps the damage to one
 * member at a time (no disk is damaged while a damaged member is not yet repaired).
 *
 * <p><b>Wipe</b> ({@link #mayWipe}): the members without data, the wiped one included, must stay a minority:
 * those catching up (started without data, and not yet caught up by a leader;
 * {@link io.graft.core.storage.HardState#catchingUp()}) and those holding no entry at all. Catching-up members
 * vote only for candidates without entries, and only members without entries grant those candidates a vote,
 * so as long as they are a minority no candidate without entries can win, and every election needs a vote
 * from a member holding what it acknowledged. A new cluster is all catching up until its
 * first leader commits, so no member is wiped before the cluster has formed. Other faults go on around a wipe:
 * this is what the catching-up vote rule must withstand. (It does not yet withstand all of them: a wiped member
 * restarts at term 0 and lets a stale leader commit with its acknowledgements; see
 * {@code SimulationTest#aWipedMemberNeverHelpsAStaleLeaderCommit}. Rare enough, with check-quorum off only,
 * that the first thousand seeds do not meet it.)
 *
 * <p><b>Lost suffix</b> ({@link #lowestSafeCut}): a member keeps its hard state but not its last entries, so
 * it does not know what it lost, and nothing in Raft protects the entries only it and a bare majority held.
 * The cut is therefore allowed only where every other member durably holds each lost entry (the same index
 * and term, or a snapshot covering that index). Then every candidate other than the damaged member holds the
 * lost entries, and the damaged member itself cannot win: each other member's log ends beyond its shortened
 * log and refuses it. Every leader holds the entries, no leader truncates them anywhere, and the damage is
 * survivable however the other faults continue. The nemesis still keeps quiet until the member is repaired,
 * so that the repair bound is measured on a healthy cluster, with the leader that saw the member acknowledge
 * the lost entries (the case a leader must detect and repair on its own).
 */
final class DamageRules {
    private DamageRules() {
    }

    /**
     * Whether member {@code wiped} (down) may lose all its data now: the members catching up, it included,
     * would be a minority.
     */
    static boolean mayWipe(SimMember wiped, List<SimMember> all) {
        int withoutData = 1;
        for (SimMember m : all) {
            if (m != wiped && (catchingUp(m) || empty(m))) {
                withoutData++;
            }
        }
        return withoutData < all.size() / 2 + 1;
    }

    /** Whether {@code m} is catching up now, or would be after a crash (its durable hard state says so). */
    static boolean catchingUp(SimMember m) {
        return m.disk.hardState().catchingUp() || (m.up && m.core.catchingUp());
    }

    /**
     * Whether {@code m} holds no entry at all (durably, or in its running core): it grants a candidate without
     * entries its vote even when it is not catching up (a member that started trusted, {@code INITIAL}, and
     * never received anything).
     */
    private static boolean empty(SimMember m) {
        return m.disk.lastIndex() == 0 || (m.up && m.core.lastIndex() == 0);
    }

    /**
     * The lowest index through which member {@code damaged}'s durable log may be kept when it loses a suffix:
     * every entry after it is durably held by every other member. Equal to the last durable index when no
     * entry may be lost.
     */
    static long lowestSafeCut(SimMember damaged, List<SimMember> all) {
        SimDisk disk = damaged.disk;
        long lowest = disk.lastIndex();
        while (lowest > disk.baseIndex() && heldByAllOthers(damaged, all, lowest, disk.termAt(lowest))) {
            lowest--;
        }
        return lowest;
    }

    private static boolean heldByAllOthers(SimMember damaged, List<SimMember> all, long index, long term) {
        for (SimMember m : all) {
            if (m != damaged && !m.disk.covers(index, term)) {
                return false;
            }
        }
        return true;
    }
}
