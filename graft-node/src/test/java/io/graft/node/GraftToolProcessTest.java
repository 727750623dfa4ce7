package io.graft.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.graft.node.json.TestJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/graft} administering a real cluster of a state machine other than the key-value example: three members
 * of the {@link CounterProvider counter} in three JVMs over ZeroMQ on 127.0.0.1, and every command a JVM of its own
 * started by the script, as an operator types them. The script runs a jar without the test classes, so the tool
 * has neither the cluster's state machine nor its codec; and its class-data sharing archive is checked on the way.
 */
@DisabledOnOs(OS.WINDOWS)
class GraftToolProcessTest {
    /** The per-member deadline of status with this cluster's 200 ms election timeout. */
    private static final String NO_ANSWER = "no answer within 1 s";

    @TempDir
    static Path tool;

    @TempDir
    Path dir;

    private static Path script;
    private ProcessCluster cluster;

    /** What one run of the script printed and returned. */
    private record Run(int code, String out, String err) {
        List<String> lines() {
            return out.strip().lines().toList();
        }
    }

    /** Lays out the module as a checkout has it: {@code graft-node/bin/graft} and {@code target/graft-node.jar}. */
    @BeforeAll
    static void layOutTheTool() throws IOException {
        Path module = Files.createDirectories(tool.resolve("checkout").resolve("graft-node"));
        Path bin = Files.createDirectories(module.resolve("bin"));
        script = Files.copy(Path.of("bin", "graft"), bin.resolve("graft"));
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        ToolJar.write(module.resolve("target").resolve("graft-node.jar"));
    }

    private Path archives() {
        return tool.resolve("cds");
    }

    private Run graft(String... args) {
        return graft(Map.of(), args);
    }

    /** Runs {@code bin/graft --config <the cluster file> args} with {@code env} added, and waits for it. */
    private Run graft(Map<String, String> env, String... args) {
        List<String> command = new ArrayList<>(List.of(script.toString(), "--config", cluster.config().toString()));
        command.addAll(List.of(args));
        try {
            Path out = Files.createTempFile(dir, "graft", ".out");
            Path err = Files.createTempFile(dir, "graft", ".err");
            ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile())
                    .redirectOutput(out.toFile()).redirectError(err.toFile());
            builder.environment().remove("GRAFT_JAR");
            builder.environment().remove(ClusterFile.ENV);
            builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
            builder.environment().put("GRAFT_CDS_DIR", archives().toString());
            builder.environment().putAll(env);
            Process process = builder.start();
            if (!process.waitFor(1, TimeUnit.MINUTES)) {
                process.toHandle().destroyForcibly();
                throw new AssertionError("graft did not exit within a minute: " + command);
            }
            return new Run(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** Runs {@code args}, checks that it succeeded, and returns what it printed. */
    private String ok(String... args) {
        Run run = graft(args);
        assertThat(run.code()).as("graft %s: %s\n%s", String.join(" ", args), run.err(), cluster.outputs()).isZero();
        return run.out();
    }

    /** The leader, as status names it once one is elected. */
    private int leader() {
        int[] leader = new int[1];
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            Run status = graft("status");
            assertThat(status.code()).as("status: %s", status.err()).isZero();
            leader[0] = ProcessCluster.leaderIn(status.out());
        });
        return leader[0];
    }

    private List<Path> archiveFiles() throws IOException {
        if (!Files.isDirectory(archives())) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(archives())) {
            return files.toList();
        }
    }

    @Test
    void aCounterClusterIsShownAndAdministered() throws IOException {
        try (ProcessCluster started = ProcessCluster.start(dir, "zeromq", 3, CounterProvider.NAME,
                CounterCodecProvider.NAME)) {
            cluster = started;
            int leader = leader();

            List<String> status = graft("status").lines();
            assertThat(status).hasSize(4);
            assertThat(status.subList(0, 3)).allMatch(line -> GraftToolTest.ANSWERED.matcher(line).matches())
                    .filteredOn(line -> line.matches("member [0-9]+  \\S+  leader .*")).hasSize(1)
                    .allMatch(line -> line.startsWith("member " + leader + " "));
            // The first command that worked recorded the classes it loaded; the next ones start from them.
            assertThat(archiveFiles()).singleElement().satisfies(a -> assertThat(a.toString()).endsWith(".jsa"));

            Path classLog = dir.resolve("classes.log");
            Run json = graft(Map.of("JAVA_OPTS", "-Xlog:class+load=info:file=" + classLog), "report", "--json");
            assertThat(json.code()).as(json.err()).isZero();
            assertThat(TestJson.object(json.out())).containsEntry("memberId", (long) leader)
                    .containsEntry("role", "LEADER").containsEntry("clusterId", "process-test");
            assertThat(Files.readString(classLog)).contains("source: shared objects file (top)");

            int target = leader % 3 + 1;
            assertThat(ok("transfer", Integer.toString(target))).isEqualTo("OK member " + target + " leads\n");
            assertThat(leader()).isEqualTo(target);
            assertThat(ok("snapshot")).matches("OK member " + target + " took a snapshot up to index [1-9][0-9]*\n");

            int down = target % 3 + 1;
            cluster.member(down).kill();
            Duration timeout = Duration.ofSeconds(30);
            long start = System.nanoTime();
            Run withOneDown = graft("--timeout", timeout.toSeconds() + "s", "status");
            Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
            assertThat(withOneDown.code()).as(withOneDown.err()).isZero();
            assertThat(withOneDown.lines()).hasSize(4).contains("member " + down + "  " + cluster.address(down) + "  "
                    + NO_ANSWER);
            assertThat(elapsed).isLessThan(timeout.dividedBy(2));
        }
    }

    @Test
    void aMemberJoinsAsALearnerIsPromotedAndIsRemoved() {
        try (ProcessCluster started = ProcessCluster.start(dir, "zeromq", 3, CounterProvider.NAME,
                CounterCodecProvider.NAME)) {
            cluster = started;
            leader();
            cluster.join(); // member 4, waiting for the leader
            String four = cluster.address(4);

            assertThat(ok("add-learner", "4", four)).isEqualTo("OK member 4 (" + four + ") is a learner\n");
            assertThat(ok("members")).contains("member 4  " + four + "  learner");
            assertThat(ok("add-member", "4", four)).isEqualTo("OK member 4 (" + four + ") is a voter\n");
            assertThat(ok("members")).contains("member 4  " + four + "  voter");
            // The cluster file lists three members; status finds the fourth in their membership.
            assertThat(graft("status").lines()).hasSize(5).anyMatch(line -> line.startsWith("member 4  " + four));

            assertThat(ok("remove-member", "4")).isEqualTo("OK member 4 removed; shut it down\n");
            assertThat(ok("members")).doesNotContain("member 4").contains("member 1", "member 2", "member 3");
            cluster.member(4).stop();
            assertThat(graft("status").lines()).hasSize(4);
        }
    }
}
