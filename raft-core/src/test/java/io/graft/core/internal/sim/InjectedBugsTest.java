package io.graft.core.internal.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.graft.core.internal.raft.CoreTestHooks.ClassicBug;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The simulator has teeth: with a classic Raft mistake switched on in every core, some seed fails within a
 * bounded number of seeds. The failing seed and the violation found are printed; the count of seeds it took is
 * the measure of how quickly each mistake is caught. With rule checks on, two of the mistakes break a checked
 * implementation rule at once; with them off, only their consequences can give them away (two votes in one
 * term, a leader without a committed entry, diverging replicas, a stuck member).
 *
 * <p>Two more concern damaged disks: a leader that does not repair a follower which lost entries it had
 * acknowledged ({@code KEEP_MATCH_OF_DAMAGED_FOLLOWER}: the repair check fails once the cluster has been healthy
 * for {@value RepairWatch#STALL_ELECTION_TIMEOUTS} election timeouts), and a wiped member that votes freely
 * before it is caught up ({@code CATCHING_UP_VOTES_FREELY}: a leader gets elected without a committed entry). No
 * rule check covers the latter: only its consequence can give it away.
 */
class InjectedBugsTest {

    @ParameterizedTest(name = "{0}, rule checks {1}")
    @CsvSource({
            "VOTE_BEFORE_PERSIST, true, 1",
            "VOTE_BEFORE_PERSIST, false, 500",
            "COMMIT_PREVIOUS_TERM_BY_COUNTING, true, 200",
            "TRUNCATE_ON_STALE_APPEND, true, 200",
            "TRUNCATE_ON_STALE_APPEND, false, 200",
            "APPLY_BEFORE_COMMIT, true, 200",
            "APPLY_BEFORE_COMMIT, false, 200",
            "KEEP_MATCH_OF_DAMAGED_FOLLOWER, true, 200",
            "CATCHING_UP_VOTES_FREELY, true, 200",
            "CATCHING_UP_VOTES_FREELY, false, 200"})
    void theSimulatorCatchesTheMistake(ClassicBug bug, boolean ruleChecks, int maxSeeds) {
        for (long seed = 1; seed <= maxSeeds; seed++) {
            SimParameters p = SimParameters.forSeed(seed).withBugs(Set.of(bug)).withRuleChecks(ruleChecks);
            SimResult r = new Simulation(p, null).run();
            if (!r.passed()) {
                System.out.println("[simulation] " + bug + (ruleChecks ? "" : " (consequences only)")
                        + " caught at seed " + seed + " (after " + seed + " seeds): " + r.failure().getMessage()
                        + "\n  replay: " + r.replayCommand());
                assertThat(r.failure()).isInstanceOf(AssertionError.class);
                return;
            }
        }
        throw new AssertionError(bug + " was not caught within " + maxSeeds + " seeds");
    }
}
