package io.graft.core.internal.raft;

import static org.assertj.core.api.Assertions.assertThat;

import io.graft.api.MembershipChangeException;
import io.graft.api.config.Member;
import io.graft.core.internal.protocol.ClusterMembership.Kind;
import io.graft.core.internal.protocol.ClusterMembership;
import io.graft.core.storage.EntryType;
import io.graft.core.storage.LogEntry;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Deterministic chaos with membership churn: while messages are lost, delayed, duplicated and reordered,
 * members are partitioned, crash and restart, and commands are proposed, the leader adds fresh members (as
 * learners that it promotes once caught up) and removes voters, itself included. A removed member is shut
 * down once its removal is committed, as an operator would. The {@link SafetyChecker} checks every event; at
 * the end every member of the final membership must have applied the same log.
 */
class RandomizedMembershipTest {
    private static final int STEPS = 6_000;
    private static final long SEEDS = Long.getLong("graft.chaos.seeds", 6);

    static Stream<Arguments> runs() {
        List<Arguments> out = new ArrayList<>();
        for (long seed = 1; seed <= SEEDS; seed++) {
            out.add(Arguments.of(seed, true));
            out.add(Arguments.of(seed, false));
        }
        return out.stream();
    }

    private static Member member(int id) {
        return new Member(id, "member-" + id, 0);
    }

    @ParameterizedTest(name = "seed {0}, pre-vote and check-quorum {1}")
    @MethodSource("runs")
    void staysSafeWhileMembersComeAndGo(long seed, boolean leaderProtections) {
        CoreCluster c = CoreCluster.builder(3).seed(seed).preVote(leaderProtections).checkQuorum(leaderProtections)
                .maxEntriesPerMessage(3).maxInflight(4).build();
        SplittableRandom rnd = new SplittableRandom(seed * 104_729 + (leaderProtections ? 1 : 0));
        Set<Integer> retired = new HashSet<>();
        Set<Integer> everMember = new HashSet<>(List.of(1, 2, 3));
        int nextId = 4;
        int proposed = 0;
        int changes = 0;

        for (int step = 0; step < STEPS; step++) {
            int leader = c.leaderId();
            int roll = rnd.nextInt(1000);
            if (roll < 25 && leader != 0 && c.core(leader).membershipIndex() <= c.core(leader).commitIndex()) {
                ClusterMembership m = c.core(leader).membership();
                try {
                    if (m.seats().size() < 5) {
                        c.addNode(nextId);
                        int id = nextId++;
                        c.on(leader, core -> core.proposeMembership(m.with(member(id), Kind.JOINING)));
                    } else if (m.voterCount() > 3) {
                        List<Integer> voters = m.voterIds();
                        int victim = voters.get(rnd.nextInt(voters.size()));
                        c.on(leader, core -> core.proposeMembership(m.without(victim)));
                    } else {
                        List<Integer> all = new ArrayList<>(m.seats().keySet());
                        int victim = all.get(rnd.nextInt(all.size()));
                        if (m.kind(victim) != Kind.VOTER) {
                            c.on(leader, core -> core.proposeMembership(m.without(victim)));
                        }
                    }
                    changes++;
                } catch (MembershipChangeException refused) {
                    // Another change is still in progress: fine, chaos tries again later.
                }
            } else if (roll < 75 && leader != 0) {
                c.propose(leader, "cmd-" + proposed++);
            } else {
                chaos(c, rnd, retired, roll);
            }
            retireRemoved(c, everMember, retired);
            if (step % 20 == 0) {
                c.checker().checkLogMatching(c.nodes());
            }
            c.network().clearHistory();
            c.nodes().forEach(SimNode::takeReadies);
        }

        c.heal();
        for (SimNode n : c.nodes()) {
            if (!retired.contains(n.id())) {
                if (!n.isUp()) {
                    c.restart(n.id());
                }
                c.resumeStorage(n.id());
            }
        }
        assertThat(changes).as("membership changes proposed").isPositive();
        assertThat(convergeWithin(c, everMember, retired, 100 * c.electionTimeout())).as("converged: %s; membership %s committed %s; retired %s", c, c.core(c.leaderId() == 0 ? 1 : c.leaderId()).membership(),
                c.core(c.leaderId() == 0 ? 1 : c.leaderId()).committedMembership(), retired).isTrue();
        int leader = c.leaderId();
        c.propose(leader, "final");
        c.runFor(5 * c.heartbeatInterval());
        ClusterMembership last = c.core(leader).membership();
        List<String> reference = c.appliedCommands(leader);
        assertThat(reference).endsWith("final").doesNotHaveDuplicates();
        for (int id : last.seats().keySet()) {
            assertThat(c.appliedCommands(id)).as("member %d", id).isEqualTo(reference);
            assertThat(c.core(id).membership()).as("member %d", id).isEqualTo(last);
        }
        assertThat(last.voterCount()).isGreaterThanOrEqualTo(3);
    }

    /**
     * Shuts down the members whose removal is committed: those that were in a committed membership once and are
     * not in the latest one, read from the cluster's committed log as the safety checker recorded it.
     */
    private static void retireRemoved(CoreCluster c, Set<Integer> everMember, Set<Integer> retired) {
        List<LogEntry> log = c.checker().committed();
        for (int i = log.size() - 1; i >= 0; i--) {
            if (log.get(i).type() == EntryType.CONFIGURATION) {
                ClusterMembership committed = ClusterMembership.decode(log.get(i).payload());
                everMember.addAll(committed.seats().keySet());
                for (int id : everMember) {
                    if (!committed.contains(id) && retired.add(id) && c.node(id).isUp()) {
                        c.crash(id);
                    }
                }
                return;
            }
        }
    }

    private static void chaos(CoreCluster c, SplittableRandom rnd, Set<Integer> retired, int roll) {
        SimNetwork net = c.network();
        List<Integer> ids = new ArrayList<>();
        for (SimNode n : c.nodes()) {
            if (!retired.contains(n.id())) {
                ids.add(n.id());
            }
        }
        int pick = ids.get(rnd.nextInt(ids.size()));
        if (roll < 600) {
            for (int k = 0; k < 3 && net.size() > 0; k++) {
                c.deliverAt(rnd.nextInt(5) > 0 ? rnd.nextInt(Math.min(net.size(), 8)) : rnd.nextInt(net.size()));
            }
        } else if (roll < 630) {
            if (net.size() > 0) {
                net.removeAt(rnd.nextInt(net.size()));
            }
        } else if (roll < 645) {
            if (net.size() > 0) {
                net.inject(List.of(net.inFlight().get(rnd.nextInt(net.size()))));
            }
        } else if (roll < 850) {
            c.advance(1 + rnd.nextInt(4));
        } else if (roll < 865) {
            c.heal();
            List<Integer> a = new ArrayList<>();
            List<Integer> b = new ArrayList<>();
            ids.forEach(id -> (rnd.nextBoolean() ? a : b).add(id));
            c.partition(a.stream().mapToInt(i -> i).toArray(), b.stream().mapToInt(i -> i).toArray());
        } else if (roll < 885) {
            c.heal();
        } else if (roll < 893) {
            long down = ids.stream().filter(id -> !c.node(id).isUp()).count();
            if (c.node(pick).isUp() && down == 0) { // One down at a time keeps a majority of 3 to 5 voters.
                c.crash(pick);
            }
        } else if (roll < 920) {
            if (!c.node(pick).isUp()) {
                c.restart(pick);
            }
        } else if (roll < 950) {
            if (c.node(pick).storage().paused()) {
                c.resumeStorage(pick);
            } else {
                c.pauseStorage(pick);
            }
        } else {
            c.syncOne(pick);
        }
    }

    private static boolean convergeWithin(CoreCluster c, Set<Integer> everMember, Set<Integer> retired, long millis) {
        long deadline = c.now() + millis;
        while (c.now() < deadline) {
            c.runFor(c.heartbeatInterval());
            retireRemoved(c, everMember, retired);
            int leader = c.leaderId();
            if (leader == 0) {
                continue;
            }
            RaftCore l = c.core(leader);
            long last = l.lastIndex();
            ClusterMembership m = l.membership();
            boolean settled = l.committedMembership().equals(m) && m.seats().values().stream()
                    .noneMatch(s -> s.kind() == Kind.JOINING);
            if (settled && m.seats().keySet().stream().allMatch(id -> c.node(id).isUp()
                    && c.node(id).applied().size() == last && c.core(id).leaderId() == leader)) {
                return true;
            }
        }
        return false;
    }
}
