package io.graft.itest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Real clusters of the KV node, one container per member, attacked while concurrent clients work; each scenario
 * checks that the history is linearizable, that no acknowledged write was lost, that every member converged to
 * the leader's log, and that the cluster made progress soon after the faults stopped. Needs Docker; see
 * {@link DockerRequirement} for when the tests skip and when they fail instead.
 */
@ExtendWith(DockerRequirement.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterFaultsIT {

    private static void runAndCheck(ScenarioSpec spec) {
        ScenarioReport r = Scenario.run(spec);
        String details = "\n" + r.summary() + "\nsee " + r.artifacts().resolve("checks.txt") + ", history.txt,"
                + " faults.txt and node-*.log there";
        assertThat(r.faults()).as("faults injected" + details).isNotEmpty();
        assertThat(r.ok()).as("operations that completed (the workload must really have run)" + details)
                .isGreaterThan(100);
        assertThat(r.linearizability().isLinearizable())
                .as("linearizable:%n%s%s", r.linearizability().report(0), details).isTrue();
        assertThat(r.lostWrites()).as("acknowledged writes lost" + details).isEmpty();
        assertThat(r.convergence().converged()).as("members converged:%n%s%s", r.convergence().describe(), details)
                .isTrue();
        assertThat(r.finalValues()).as("every key was read at the end" + details).hasSize(spec.keys().size());
    }

    @Test
    @Order(1)
    void killAndRestartRandomMembers() {
        runAndCheck(ScenarioSpec.of("kill", 3, Duration.ofSeconds(35), Nemeses.killRandomMember()));
    }

    @Test
    @Order(2)
    void killTheLeaderRepeatedly() {
        runAndCheck(ScenarioSpec.of("kill-leader", 3, Duration.ofSeconds(35), Nemeses.killLeader()));
    }

    @Test
    @Order(3)
    void pauseAndResumeMembers() {
        runAndCheck(ScenarioSpec.of("pause", 3, Duration.ofSeconds(30), Nemeses.pauseMember()));
    }

    @Test
    @Order(4)
    void isolateTheLeader() {
        runAndCheck(ScenarioSpec.of("isolate-leader", 3, Duration.ofSeconds(30), Nemeses.isolateLeader()));
    }

    @Test
    @Order(5)
    void splitIntoMajorityAndMinority() {
        runAndCheck(ScenarioSpec.of("split", 5, Duration.ofSeconds(35), Nemeses.splitMajorityMinority()));
    }

    @Test
    @Order(6)
    void rollingRestart() {
        runAndCheck(ScenarioSpec.of("rolling-restart", 3, Duration.ofSeconds(20), Nemeses.rollingRestart()));
    }

    @Test
    @Order(7)
    void fiveMembersUnderMixedFaults() {
        runAndCheck(ScenarioSpec.of("mixed", 5, Duration.ofSeconds(60), Nemeses.mixed()));
    }

    @Test
    @Order(8)
    void aMemberThatLostItsDataDoesNotVoteAcknowledgedWritesAway() {
        runAndCheck(ScenarioSpec.of("lose-data", 3, Duration.ofSeconds(30),
                Nemeses.loseTheDataOfAMemberThatHeldAcknowledgedWrites()));
    }
}
