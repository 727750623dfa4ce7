package io.graft.bench.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.graft.api.config.Member;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The pieces of the one-process-per-member mode that need no cluster: protocol, JVM flags, failures. */
class ChildProcessTest {

    @Test
    void stateAndUsageRepliesRoundTrip() {
        AppliedState state = new AppliedState(10, 12, -8_000_000_000L, 1, 15);
        ChildUsage usage = new ChildUsage(123_456, 987_654_321);

        assertThat(ChildProtocol.parseState(ChildProtocol.state(state))).isEqualTo(state);
        assertThat(ChildProtocol.parseUsage(ChildProtocol.usage(usage))).isEqualTo(usage);
    }

    @Test
    void aReplyOfTheWrongKindIsRefused() {
        String usage = ChildProtocol.usage(new ChildUsage(1, 2));

        assertThatThrownBy(() -> ChildProtocol.parseState(usage)).hasMessageContaining("expected 'state'");
    }

    @Test
    void childrenGetTheHeapAndCollectorFlagsOnly() {
        List<String> parent = List.of("-Xmx2g", "-Xms512m", "-XX:+UseG1GC", "-XX:MaxGCPauseMillis=50",
                "-XX:+AlwaysPreTouch", "-XX:MaxMetaspaceSize=256m", "-XX:StartFlightRecording=filename=run.jfr",
                "-XX:+HeapDumpOnOutOfMemoryError", "-XX:HeapDumpPath=/tmp/x", "-Dfoo=bar",
                "-javaagent:/tmp/agent.jar", "-XX:+UnlockDiagnosticVMOptions");

        assertThat(ChildJvm.heapAndGcFlags(parent)).containsExactly("-Xmx2g", "-Xms512m", "-XX:+UseG1GC",
                "-XX:MaxGCPauseMillis=50", "-XX:+AlwaysPreTouch", "-XX:MaxMetaspaceSize=256m");
    }

    @Test
    void aChildThatCannotStartItsMemberFailsTheStartWithItsExitCode() {
        // Member 9 is not in the cluster: the child's Graft.node refuses it and the process exits.
        ChildSpec spec = new ChildSpec(9, List.of(new Member(1, "127.0.0.1", 1)), 1000, 100, 1000, 100, "zeromq",
                null, false, MetricsMode.NONE);
        ChildMember child = ChildMember.spawn(spec);
        try {
            assertThatThrownBy(() -> child.awaitReady(Duration.ofSeconds(60)))
                    .isInstanceOf(BenchClusterException.class)
                    .hasMessageContaining("member 9's process ended (exit code 1) before answering 'start'");
        } finally {
            child.requestExit();
            child.awaitExit();
        }
    }
}
