package io.graft.itest;

import java.time.Duration;
import java.util.List;

/**
 * One Jepsen-style run: a cluster, a workload, and a nemesis striking for a while.
 *
 * @param name a short name, used for containers and the artifacts directory
 * @param members how many members
 * @param clients how many concurrent clients
 * @param keys the keys the clients work on
 * @param faultPhase how long the nemesis keeps striking (scaled by {@link ItestSettings#scaled})
 * @param nemesis the faults
 * @param seed the seed of the workload and of the nemesis's choices
 */
record ScenarioSpec(String name, int members, int clients, List<String> keys, Duration faultPhase, Nemesis nemesis,
                    long seed) {

    /** The usual shape: five clients on three keys, the given members, nemesis and fault phase. */
    static ScenarioSpec of(String name, int members, Duration faultPhase, Nemesis nemesis) {
        return new ScenarioSpec(name, members, 5, List.of("a", "b", "c"), ItestSettings.scaled(faultPhase), nemesis,
                name.hashCode());
    }
}
