package io.graft.itest;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.OptionalInt;
import java.util.function.Consumer;

/** The catalogue of faults: each factory returns a {@link Nemesis} that injects, holds and heals one fault. */
final class Nemeses {
    private Nemeses() {
    }

    private static Nemesis named(String name, Consumer<NemesisContext> strike) {
        return new Nemesis() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public void strike(NemesisContext context) {
                strike.accept(context);
            }
        };
    }

    /** kill -9 a random member, keep it down a few seconds, start it again on the same data. */
    static Nemesis killRandomMember() {
        return named("kill-random", c -> killAndRestart(c, c.anyMember(), "kill"));
    }

    /** kill -9 the leader, keep it down until another leader serves, start it again. */
    static Nemesis killLeader() {
        return named("kill-leader", c -> {
            int leader = c.leaderOrAny();
            c.cluster.kill(leader);
            c.log.record("kill-leader", "kill -9 leader " + leader);
            OptionalInt next = OptionalInt.empty();
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (next.isEmpty() && System.nanoTime() < deadline) {
                next = c.leader();
            }
            c.log.record(null, next.isPresent() ? "member " + next.getAsInt() + " leads instead"
                    : "no new leader answered within 20 s");
            c.hold(c.between(0.5, 2));
            c.cluster.restart(leader);
            c.log.record(null, "restarted member " + leader);
        });
    }

    /** Freeze a member (half the time the leader) for a few seconds, as a long GC pause would. */
    static Nemesis pauseMember() {
        return named("pause", c -> {
            int victim = c.random.nextBoolean() ? c.leaderOrAny() : c.anyMember();
            c.cluster.pause(victim);
            c.log.record("pause", "pause member " + victim);
            c.hold(c.between(2, 5));
            c.cluster.unpause(victim);
            c.log.record(null, "resume member " + victim);
        });
    }

    /** Cut the leader off from every other member (and from clients), then let it back. */
    static Nemesis isolateLeader() {
        return named("isolate-leader", c -> {
            int leader = c.leaderOrAny();
            c.cluster.isolate(leader);
            c.log.record("isolate-leader", "isolate leader " + leader + " from the network");
            c.hold(c.between(3, 6));
            c.cluster.healNetwork();
            c.log.record(null, "reconnect member " + leader);
        });
    }

    /**
     * Split the cluster into a majority and a minority that each still talk among themselves (half the time
     * with the leader in the minority), then heal.
     */
    static Nemesis splitMajorityMinority() {
        return named("split", c -> {
            List<Integer> ids = new ArrayList<>(c.cluster.ids());
            Collections.shuffle(ids, c.random);
            int minoritySize = (ids.size() - 1) / 2;
            List<Integer> minority = new ArrayList<>(ids.subList(0, minoritySize));
            if (c.random.nextBoolean()) {
                int leader = c.leaderOrAny();
                if (!minority.contains(leader)) {
                    minority.set(0, leader);
                }
            }
            Collections.sort(minority);
            c.cluster.split(minority);
            c.log.record("split", "split: minority " + minority + " apart from the majority");
            c.hold(c.between(3, 6));
            c.cluster.healNetwork();
            c.log.record(null, "heal the split");
        });
    }

    /** Stop (SIGTERM) and start every member in turn, as a rolling upgrade would. */
    static Nemesis rollingRestart() {
        return named("rolling-restart", c -> {
            for (int id : c.cluster.ids()) {
                c.cluster.stop(id);
                c.log.record("restart", "rolling restart: stop member " + id);
                c.cluster.restart(id);
                c.log.record(null, "rolling restart: member " + id + " started");
                c.hold(c.between(0.5, 1.5));
            }
        });
    }

    /**
     * The lost-write sequence: one follower is killed and misses what follows; the other follower, which holds
     * those acknowledged writes with the leader, loses its whole data directory; the leader is killed; the two
     * followers start again (one behind, one blank) and must not elect a leader between them, since neither
     * holds the writes; then the old leader returns. The scenario's checks show whether any acknowledged write
     * was lost.
     */
    static Nemesis loseTheDataOfAMemberThatHeldAcknowledgedWrites() {
        return named("lose-data", c -> {
            int leader = c.leaderOrAny();
            int behind = c.anyMemberExcept(List.of(leader));
            int wiped = c.anyMemberExcept(List.of(leader, behind));
            c.cluster.kill(behind);
            c.log.record("lose-data", "kill -9 member " + behind + ", which misses the writes that follow");
            c.hold(c.between(2, 3));
            c.cluster.kill(wiped);
            c.cluster.wipe(wiped);
            c.log.record(null, "kill -9 member " + wiped + " and delete its data directory");
            c.cluster.kill(leader);
            c.log.record(null, "kill -9 leader " + leader);
            c.cluster.restart(behind);
            c.cluster.restart(wiped);
            c.log.record(null, "restarted member " + behind + " and blank member " + wiped);
            c.hold(c.between(4, 5));
            OptionalInt meanwhile = c.leader();
            c.log.record(null, meanwhile.isPresent() ? "member " + meanwhile.getAsInt()
                    + " leads without the old leader: acknowledged writes may be lost" : "no leader without member "
                    + leader + ", as it should be");
            c.cluster.restart(leader);
            c.log.record(null, "restarted member " + leader);
        });
    }

    /**
     * Any of the faults above, chosen at random each time; sometimes two at once on different members (a kill
     * and a pause), which a five-member cluster survives.
     */
    static Nemesis mixed() {
        List<Nemesis> all = List.of(killRandomMember(), killLeader(), pauseMember(), isolateLeader(),
                splitMajorityMinority());
        return named("mixed", c -> {
            if (c.cluster.size() >= 5 && c.random.nextInt(4) == 0) {
                killAndPause(c);
            } else {
                all.get(c.random.nextInt(all.size())).strike(c);
            }
        });
    }

    private static void killAndPause(NemesisContext c) {
        int killed = c.leaderOrAny();
        int paused = c.anyMemberExcept(List.of(killed));
        c.cluster.kill(killed);
        c.log.record("kill", "kill -9 member " + killed);
        c.cluster.pause(paused);
        c.log.record("pause", "and pause member " + paused);
        c.hold(c.between(2, 4));
        c.cluster.unpause(paused);
        c.log.record(null, "resume member " + paused);
        c.cluster.restart(killed);
        c.log.record(null, "restarted member " + killed);
    }

    private static void killAndRestart(NemesisContext c, int victim, String kind) {
        c.cluster.kill(victim);
        c.log.record(kind, "kill -9 member " + victim);
        c.hold(c.between(1, 4));
        c.cluster.restart(victim);
        c.log.record(null, "restarted member " + victim);
    }
}
