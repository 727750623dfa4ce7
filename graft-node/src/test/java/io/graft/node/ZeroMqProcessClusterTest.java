package io.graft.node;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The deployment the ZeroMQ transport is for: three members in three JVMs ({@code NodeLauncher}) talking over
 * TCP on 127.0.0.1, and the command line client in a fourth JVM, a remote client over the same ports. The
 * leader is killed with SIGKILL while clients keep writing, then restarted from its data directory.
 */
class ZeroMqProcessClusterTest {
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

    private void put(String key, String value) {
        CliProcess put = cli("put", key, value);
        assertThat(put.code()).as("put %s: %s", key, put.err()).isZero();
        assertThat(put.out()).isEqualTo("OK (new key)");
    }

    private void assertValue(String key, String value) {
        CliProcess get = cli("get", key);
        assertThat(get.code()).as("get %s: %s", key, get.err()).isZero();
        assertThat(get.out()).isEqualTo("OK value=" + value);
    }

    /** The leader as {@code status} reports it (the CLI probes every member). */
    private int leader() {
        return cluster.leader(dir);
    }

    @Test
    void aRemoteClientWritesThroughALeaderCrashAndTheRestartedMemberCatchesUp() {
        try (ProcessCluster started = ProcessCluster.start(dir, "zeromq", 3)) {
            cluster = started;
            put("k1", "v1");
            int crashed = leader();
            cluster.member(crashed).kill(); // SIGKILL: no shutdown hook, no goodbye to the others

            // The two survivors elect a leader; the client finds it and keeps writing.
            put("k2", "v2");
            put("k3", "v3");
            assertThat(cluster.member(crashed).isAlive()).isFalse();

            cluster.restart(crashed); // from its data directory, on the same port
            put("k4", "v4");

            // Leave the restarted member in every majority: stop one of the two others (the leader, if it is
            // one of them). Whatever is committed from now on needs its acknowledgement, so it must hold the
            // whole log; and every write, from before and after the crash, must still be there.
            int current = leader();
            int stopped = current != crashed ? current : List.of(1, 2, 3).stream()
                    .filter(id -> id != crashed).findFirst().orElseThrow();
            cluster.member(stopped).kill();
            assertValue("k1", "v1");
            assertValue("k2", "v2");
            assertValue("k3", "v3");
            assertValue("k4", "v4");
            put("k5", "v5");
            assertThat(cluster.member(crashed).isAlive()).isTrue();
        }
    }
}
