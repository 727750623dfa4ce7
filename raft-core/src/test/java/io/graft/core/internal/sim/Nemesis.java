package io.graft.core.internal.sim;

import io.graft.core.internal.protocol.AppendRequest;
import io.graft.core.internal.protocol.AppendResponse;
import io.graft.core.internal.protocol.Message;
import io.graft.core.internal.protocol.VoteResponse;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Random faults while the fault phase lasts: partitions (halves, one isolated member, one-way cuts), healing,
 * crashes with a later restart, long pauses, snapshots, message loss, duplication and delay spikes, slow
 * disks, and disk damage while a member is down. Each action is chosen by weight at exponentially distributed
 * intervals.
 *
 * <p>Besides, crashes are aimed at moments where they matter most (as FoundationDB's "buggify" does): now and
 * then a member that just granted its vote, or just became leader, crashes within the next few milliseconds,
 * inside the window where its writes may not be durable yet or its new entries not replicated; and now and
 * then a member that just acknowledged entries crashes and its disk is damaged, so that it loses what it
 * acknowledged.
 *
 * <p>Disk damage (within the limits {@link DamageRules} sets, and never while an earlier damaged member is
 * not yet repaired; see {@link RepairWatch}):
 * <ul>
 *   <li><b>Wipe</b>: the crashed member's disk is erased (log, snapshots, hard state), as a replaced disk or a
 *       deleted data directory leaves it; it restarts blank and catching up. Only while the members without
 *       data (catching up, or holding no entry) stay a minority. The other faults go on meanwhile.</li>
 *   <li><b>Lost suffix</b>: the crashed member's disk loses a random suffix of its synced log (possibly all of
 *       it, possibly just the last entry) and keeps its hard state, as disk damage, a lost write cache or an
 *       older backup leaves it. Only entries that every other member durably holds may be lost. The nemesis
 *       then calms the cluster (heals the network, restarts and resumes every member) and stays quiet until a
 *       leader has repaired the member, so that the repair is measured against a bound.</li>
 * </ul>
 */
final class Nemesis {

    /** What the nemesis can do to the cluster. */
    interface Target {
        boolean faultsActive();

        NetworkModel network();

        boolean isUp(int member);

        void crash(int member);

        void restart(int member);

        void pause(int member, long micros);

        void snapshot(int member);

        void slowDisk(int member, int factor, long micros);

        void note(String what);

        /** Heals the network and brings every member back to running (no more slow disks). */
        void calm();

        /** Whether a damaged member is not yet repaired: no disk may be damaged meanwhile. */
        boolean repairPending();

        /** Whether to inject no fault at all until the damaged member is repaired. */
        boolean quietUntilRepaired();

        /** Whether the disk of {@code member} (down) may be wiped now. */
        boolean mayWipe(int member);

        /** Erases the disk of {@code member} (down). */
        void wipe(int member);

        /** The last durable log index of {@code member}. */
        long durableLastIndex(int member);

        /** The lowest index through which {@code member} (down) may keep its log when it loses a suffix. */
        long lowestSafeCut(int member);

        /** Cuts the durable log of {@code member} (down) after {@code keepThrough}. */
        void loseSuffix(int member, long keepThrough);
    }

    /** What happens to a crashed member's disk before it restarts. */
    private enum DiskDamage {
        NONE, WIPE, LOSE_SUFFIX
    }

    /** One successful acknowledgement in this many crashes its sender and damages its disk. */
    private static final int ACK_DAMAGE_ODDS = 2000;

    private final EventQueue clock;
    private final SplittableRandom random;
    private final Target target;
    private final SimParameters p;
    private final long electionMicros;

    Nemesis(EventQueue clock, SplittableRandom random, Target target, SimParameters p) {
        this.clock = clock;
        this.random = random;
        this.target = target;
        this.p = p;
        this.electionMicros = p.electionTimeoutMs() * 1000;
    }

    void start() {
        scheduleNext();
    }

    /** Sees every message sent, to crash its sender at an interesting moment now and then. */
    void onSend(Message m, long newLeaderTerm) {
        if (!target.faultsActive() || target.quietUntilRepaired()) {
            return;
        }
        boolean votedJustNow = m instanceof VoteResponse v && v.granted() && !v.preVote();
        boolean newLeader = m instanceof AppendRequest a && a.term() == newLeaderTerm;
        boolean acknowledged = m instanceof AppendResponse r && r.success() && !target.repairPending();
        if ((votedJustNow && random.nextInt(5) == 0) || (newLeader && random.nextInt(10) == 0)) {
            int who = m.from();
            clock.after(random.nextLong(3 * p.fsyncMicros() + 1), () -> {
                if (target.faultsActive() && !target.quietUntilRepaired() && target.isUp(who)) {
                    target.note((votedJustNow ? "crash right after voting: " : "crash right after winning: ") + who);
                    crashAndRestartLater(who, DiskDamage.NONE);
                }
            });
        } else if (acknowledged && random.nextInt(ACK_DAMAGE_ODDS) == 0) {
            int who = m.from();
            DiskDamage damage = random.nextBoolean() ? DiskDamage.WIPE : DiskDamage.LOSE_SUFFIX;
            clock.after(random.nextLong(p.fsyncMicros() + 1), () -> {
                if (target.faultsActive() && !target.repairPending() && target.isUp(who)) {
                    target.note("crash right after acknowledging entries, to " + damage + " while down: " + who);
                    crashAndRestartLater(who, damage);
                }
            });
        }
    }

    private void crashAndRestartLater(int who, DiskDamage damage) {
        target.crash(who);
        long down = (long) (-Math.log(1 - random.nextDouble()) * 2 * electionMicros);
        clock.after(down, () -> {
            if (target.faultsActive() && !target.isUp(who)) {
                damageWhileDown(who, damage);
                target.restart(who);
            }
        });
    }

    private void damageWhileDown(int who, DiskDamage damage) {
        if (damage == DiskDamage.NONE) {
            return;
        }
        if (target.repairPending()) {
            target.note(damage + " of " + who + " skipped: a damaged member is not yet repaired");
        } else if (damage == DiskDamage.WIPE) {
            if (target.mayWipe(who)) {
                target.wipe(who);
            } else {
                target.note("wipe of " + who + " skipped: the members without data would not be a minority");
            }
        } else {
            long last = target.durableLastIndex(who);
            long lowest = target.lowestSafeCut(who);
            if (lowest == last) {
                target.note("suffix loss of " + who + " skipped: its last entry is not on every other member");
                return;
            }
            int shape = random.nextInt(3);
            long keepThrough = shape == 0 ? lowest : shape == 1 ? last - 1 : lowest + random.nextLong(last - lowest);
            target.loseSuffix(who, keepThrough);
            target.note("calm: network healed, every member runs, no faults until " + who + " is repaired");
            target.calm();
        }
    }

    private void scheduleNext() {
        long gap = (long) (-Math.log(1 - random.nextDouble()) * p.meanFaultGapMs() * 1000);
        clock.after(gap, this::act);
    }

    private void act() {
        if (!target.faultsActive()) {
            return;
        }
        if (target.quietUntilRepaired()) {
            scheduleNext();
            return;
        }
        NetworkModel net = target.network();
        int n = p.members();
        int who = 1 + random.nextInt(n);
        int roll = random.nextInt(100);
        if (roll < 14) {
            int[] order = shuffled(n);
            int split = 1 + random.nextInt(n - 1);
            int[] a = Arrays.copyOfRange(order, 0, split);
            int[] b = Arrays.copyOfRange(order, split, n);
            net.healLinks();
            net.partition(a, b);
            target.note("partition " + Arrays.toString(a) + " | " + Arrays.toString(b));
        } else if (roll < 20) {
            net.healLinks();
            net.isolate(who);
            target.note("isolate " + who);
        } else if (roll < 27) {
            int to = 1 + (who + random.nextInt(n - 1)) % n;
            net.cutOneWay(who, to);
            target.note("cut " + who + " -> " + to);
        } else if (roll < 42) {
            net.healLinks();
            target.note("heal links");
        } else if (roll < 52) {
            if (target.isUp(who)) {
                crashAndRestartLater(who, DiskDamage.NONE);
            }
        } else if (roll < 55) {
            if (target.isUp(who) && !target.repairPending()) {
                target.note("crash " + who + ", to wipe its disk while down");
                crashAndRestartLater(who, DiskDamage.WIPE);
            }
        } else if (roll < 58) {
            if (target.isUp(who) && !target.repairPending()) {
                target.note("crash " + who + ", to cut its synced log while down");
                crashAndRestartLater(who, DiskDamage.LOSE_SUFFIX);
            }
        } else if (roll < 64) {
            target.pause(who, electionMicros / 2 + random.nextLong(6 * electionMicros));
        } else if (roll < 74) {
            target.snapshot(who);
        } else if (roll < 84) {
            double drop = random.nextDouble() * p.maxDropRate();
            double dup = random.nextDouble() * p.maxDuplicateRate();
            double spike = random.nextInt(3) == 0 ? 0.02 * random.nextDouble() : 0;
            net.faults(drop, dup, spike);
            target.note(String.format("network drop %.3f dup %.3f spike %.3f", drop, dup, spike));
        } else if (roll < 89) {
            net.faults(0, 0, 0);
            target.note("network reliable");
        } else {
            target.slowDisk(who, 10 + random.nextInt(200), electionMicros + random.nextLong(5 * electionMicros));
        }
        scheduleNext();
    }

    private int[] shuffled(int n) {
        int[] ids = new int[n];
        for (int i = 0; i < n; i++) {
            ids[i] = i + 1;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = ids[i];
            ids[i] = ids[j];
            ids[j] = t;
        }
        return ids;
    }
}
