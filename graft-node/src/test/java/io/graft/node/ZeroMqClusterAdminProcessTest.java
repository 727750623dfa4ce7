package io.graft.node;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command line client administering a real cluster: three members in three JVMs over ZeroMQ on 127.0.0.1,
 * and every {@code graft-cli} call a JVM of its own, as an operator types them.
 */
class ZeroMqClusterAdminProcessTest {
    @TempDir
    Path dir;

    private ProcessCluster cluster;

    private CliProcess cli(String... args) {
        String[] full = new String[args.length + 4];
        full[0] = "--config";
        full[1] = cluster.config().toString();
        full[2] = "--timeout";
        full[3] = "15s";
        System.arraycopy(args, 0, full, 4, args.length);
        return CliProcess.run(dir, full);
    }

    /** Runs {@code args} and checks that it succeeded and printed {@code expected}. */
    private void assertPrints(String expected, String... args) {
        CliProcess run = cli(args);
        assertThat(run.code()).as("%s: %s\n%s", String.join(" ", args), run.err(), cluster.outputs()).isZero();
        assertThat(run.out()).isEqualTo(expected);
    }

    /** The leader as {@code status} reports it (the CLI probes every member). */
    private int leader() {
        return cluster.leader(dir);
    }

    @Test
    void readsAndALeadershipTransferThroughTheCommandLine() {
        try (ProcessCluster started = ProcessCluster.start(dir, "zeromq", 3)) {
            cluster = started;
            assertPrints("OK (new key)", "put", "k", "v");
            assertPrints("OK value=v", "read", "k");

            int target = leader() % 3 + 1;
            assertPrints("OK member " + target + " leads", "transfer", Integer.toString(target));
            assertThat(leader()).isEqualTo(target);
            assertPrints("OK value=v", "read", "--lease", "k");
        }
    }

    @Test
    void aFourthMemberIsAddedAndRemovedThroughTheCommandLine() {
        try (ProcessCluster started = ProcessCluster.start(dir, "zeromq", 3)) {
            cluster = started;
            assertPrints("OK (new key)", "put", "k", "v"); // A leader changes members once it has committed.

            cluster.join(); // member 4, waiting for the leader
            assertPrints("OK member 4 (" + cluster.address(4) + ") is a voter", "add-member", "4", cluster.address(4));
            CliProcess members = cli("members");
            assertThat(members.out()).as(members.err()).contains("member 4  " + cluster.address(4) + "  voter");
            assertPrints("OK (new key)", "put", "k4", "with four");
            assertPrints("OK value=with four", "read", "k4");

            assertPrints("OK member 4 removed; shut it down", "remove-member", "4");
            assertThat(cli("members").out()).doesNotContain("member 4").contains("member 1", "member 2", "member 3");
            cluster.member(4).stop();
            assertPrints("OK value=v", "read", "k");
        }
    }
}
