package io.graft.core.sim;

import io.graft.core.protocol.AppendRequest;
import io.graft.core.protocol.Message;
import io.graft.core.protocol.VoteResponse;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Random faults while the fault phase lasts: partitions (halves, one isolated member, one-way cuts), healing,
 * crashes with a later restart, long pauses, snapshots, message loss, duplication and delay spikes, and slow
 * disks. Each action is chosen by weight at exponentially distributed intervals.
 *
 * <p>Besides, crashes are aimed at moments where they matter most (as FoundationDB's "buggify" does): now and
 * then a member that just granted its vote, or just became leader, crashes within the next few milliseconds,
 * inside the window where its writes may not be durable yet or its new entries not replicated.
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
    }

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
        if (!target.faultsActive()) {
            return;
        }
        boolean votedJustNow = m instanceof VoteResponse v && v.granted() && !v.preVote();
        boolean newLeader = m instanceof AppendRequest a && a.term() == newLeaderTerm;
        if ((votedJustNow && random.nextInt(5) == 0) || (newLeader && random.nextInt(10) == 0)) {
            int who = m.from();
            clock.after(random.nextLong(3 * p.fsyncMicros() + 1), () -> {
                if (target.faultsActive() && target.isUp(who)) {
                    target.note((votedJustNow ? "crash right after voting: " : "crash right after winning: ") + who);
                    crashAndRestartLater(who);
                }
            });
        }
    }

    private void crashAndRestartLater(int who) {
        target.crash(who);
        long down = (long) (-Math.log(1 - random.nextDouble()) * 2 * electionMicros);
        clock.after(down, () -> {
            if (target.faultsActive() && !target.isUp(who)) {
                target.restart(who);
            }
        });
    }

    private void scheduleNext() {
        long gap = (long) (-Math.log(1 - random.nextDouble()) * p.meanFaultGapMs() * 1000);
        clock.after(gap, this::act);
    }

    private void act() {
        if (!target.faultsActive()) {
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
                crashAndRestartLater(who);
            }
        } else if (roll < 58) {
            target.pause(who, electionMicros / 2 + random.nextLong(6 * electionMicros));
        } else if (roll < 72) {
            target.snapshot(who);
        } else if (roll < 82) {
            double drop = random.nextDouble() * p.maxDropRate();
            double dup = random.nextDouble() * p.maxDuplicateRate();
            double spike = random.nextInt(3) == 0 ? 0.02 * random.nextDouble() : 0;
            net.faults(drop, dup, spike);
            target.note(String.format("network drop %.3f dup %.3f spike %.3f", drop, dup, spike));
        } else if (roll < 87) {
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
