/**
 * Deterministic simulation testing of whole Graft clusters: real {@link io.graft.core.internal.raft.RaftCore}s, one
 * thread, one seed.
 *
 * <p>A {@link io.graft.core.internal.sim.Simulation} plays each member's {@code Ready} the way the runtime does, over a
 * simulated clock ({@code EventQueue}), network ({@code NetworkModel}: latency with a reordering tail and rare
 * spikes, loss, duplication, partitions and one-way cuts), disks ({@code SimDisk}: group commit, fsync; a crash
 * keeps what was synced plus a possibly torn prefix of what was being synced) and snapshot stores, with
 * clients ({@code Workload}) and a {@code Nemesis} (partitions, crashes, pauses, snapshots, slow disks,
 * crashes aimed at the moment just after a vote, an election or an acknowledgement, and disk damage while a
 * member is down: a wiped disk, or a synced log that lost a suffix, within the limits {@code DamageRules} sets
 * so that Raft can stay safe). Safety is checked after every step by the shared
 * {@link io.graft.core.internal.raft.SafetyChecker} and by {@code Invariants}; the client history is checked for
 * linearizability at the end ({@code LinearizabilityChecker}); liveness is checked once faults stop; and a
 * damaged member must be repaired by a leader, its log brought up to the leader's commit index, without
 * stalling for more than a few election timeouts of a healthy cluster ({@code RepairWatch}).
 *
 * <p>Members start trusted ({@code HardState.INITIAL}) by default; {@code -Dgraft.sim.blankStart=true} starts
 * them blank, as real storage reports a new data directory, so that clusters form as production ones do (see
 * {@code SimulationTest#blankClustersFormAndStaySafe} for why that is not the default yet).
 *
 * <p>Commands (from the repository root):
 * <pre>
 * ./mvnw -pl raft-core -am test -Dtest=SimulationTest -Dsurefire.failIfNoSpecifiedTests=false             # 1000 seeds
 * ./mvnw -pl raft-core -am test -Dtest=SimulationTest#exploresManySeeds -Dsurefire.failIfNoSpecifiedTests=false \
 *     -Dgraft.sim.duration=30m -Dgraft.sim.firstSeed=100000                                                 # long run
 * ./mvnw -pl raft-core -am test -Dtest=SimulationTest#replay -Dsurefire.failIfNoSpecifiedTests=false \
 *     -Dgraft.sim.seed=123 -Dgraft.sim.trace=true                                                           # one seed, traced
 * </pre>
 * A failing seed prints its replay command; add it to {@code regression-seeds.txt} (test resources) with a
 * comment, so that it is replayed on every build.
 */
package io.graft.core.internal.sim;
