package io.graft.node.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.graft.api.config.ClusterConfig;
import io.graft.node.json.TestJson;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;

/**
 * A key-value cluster of child JVMs ({@code java -cp <test class path> io.graft.node.NodeLauncher}), one per
 * member, over ZeroMQ on free 127.0.0.1 ports, each serving its admin endpoints on a port of its own (the file's
 * {@code admin.port} map). Closing it kills every member.
 */
final class AdminCluster implements AutoCloseable {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final String STARTED = " started: ";

    private final Path file;
    private final Map<Integer, Integer> adminPorts = new LinkedHashMap<>();
    private final Map<Integer, Member> members = new LinkedHashMap<>();

    /** One child JVM and what it printed. */
    private static final class Member {
        final Process process;
        final List<String> lines = new ArrayList<>();

        Member(Process process) {
            this.process = process;
            Thread reader = new Thread(this::collect, "output-of-" + process.pid());
            reader.setDaemon(true);
            reader.start();
        }

        private void collect() {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    synchronized (lines) {
                        lines.add(line);
                    }
                }
            } catch (IOException e) {
                // The process ended.
            }
        }

        String output() {
            synchronized (lines) {
                return String.join("\n", lines);
            }
        }
    }

    private AdminCluster(Path file) {
        this.file = file;
    }

    /** Writes the cluster file into {@code dir}, starts {@code size} members and waits until each runs. */
    static AdminCluster start(Path dir, int size) {
        List<Integer> ports = freePorts(2 * size);
        StringBuilder yaml = new StringBuilder("clusterId: dashboard-test\n"
                + "electionTimeout: 300\n"
                + "transport: zeromq\n"
                + "stateMachine: kv\n"
                + "codec: kv-binary\n"
                + "dataDir: " + dir.resolve("data").toAbsolutePath() + "\n"
                + "configuration:\n");
        for (int id = 1; id <= size; id++) {
            yaml.append("  ").append(id).append(": 127.0.0.1:").append(ports.get(id - 1)).append('\n');
        }
        yaml.append("admin:\n  port:\n");
        for (int id = 1; id <= size; id++) {
            yaml.append("    ").append(id).append(": ").append(ports.get(size + id - 1)).append('\n');
        }
        AdminCluster cluster;
        try {
            cluster = new AdminCluster(Files.writeString(dir.resolve("cluster.yaml"), yaml));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            for (int id = 1; id <= size; id++) {
                cluster.adminPorts.put(id, ports.get(size + id - 1));
                cluster.members.put(id, launch(cluster.file, id));
            }
            for (int id = 1; id <= size; id++) {
                cluster.awaitStarted(id);
            }
        } catch (IOException e) {
            cluster.close();
            throw new UncheckedIOException(e);
        } catch (RuntimeException | Error e) {
            cluster.close();
            throw e;
        }
        return cluster;
    }

    /** The cluster as a client sees it (the file without its admin section). */
    ClusterConfig config() {
        return AdminSection.load(file).cluster();
    }

    /** Member {@code id}'s admin endpoints, e.g. {@code http://127.0.0.1:40123/}. */
    URI admin(int id) {
        return URI.create("http://127.0.0.1:" + adminPorts.get(id) + "/");
    }

    /** Kills member {@code id} with SIGKILL, as a crash: nothing of it runs on. */
    void kill(int id) throws InterruptedException {
        Process process = members.get(id).process;
        process.destroyForcibly();
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("member %d exits once killed", id).isTrue();
    }

    /**
     * The leader every running member's {@code /status} names, once they agree and it says it leads; waits for
     * that up to {@code timeout}. Members in {@code except} are not asked.
     */
    int agreedLeader(Duration timeout, int... except) {
        int[] leader = new int[1];
        await().atMost(timeout).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            List<Integer> named = new ArrayList<>();
            OptionalInt leading = OptionalInt.empty();
            for (int id : members.keySet()) {
                if (Arrays.stream(except).anyMatch(e -> e == id)) {
                    continue;
                }
                Map<String, Object> status = TestJson.object(Http.get(admin(id), "/status").body());
                Object leaderId = status.get("leaderId");
                named.add(leaderId == null ? 0 : ((Long) leaderId).intValue());
                if ("LEADER".equals(status.get("role"))) {
                    leading = OptionalInt.of(id);
                }
            }
            assertThat(leading).as("a member leads; named: %s", named).isPresent();
            assertThat(named).as("every member names the leader").containsOnly(leading.getAsInt());
            leader[0] = leading.getAsInt();
        });
        return leader[0];
    }

    /** What every member printed so far, for failure messages. */
    String outputs() {
        StringBuilder s = new StringBuilder();
        members.forEach((id, m) -> s.append("--- member ").append(id).append(":\n").append(m.output()).append('\n'));
        return s.toString();
    }

    @Override
    public void close() {
        for (Member m : members.values()) {
            m.process.destroyForcibly();
        }
        for (Member m : members.values()) {
            try {
                m.process.waitFor(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void awaitStarted(int id) {
        Member m = members.get(id);
        await().atMost(START_TIMEOUT).until(() -> m.output().contains(STARTED) || !m.process.isAlive());
        if (!m.output().contains(STARTED)) {
            throw new AssertionError("member " + id + " exited before starting:\n" + outputs());
        }
    }

    private static Member launch(Path file, int id) throws IOException {
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path"), "io.graft.node.NodeLauncher",
                "--config", file.toString(), "--id", Integer.toString(id));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().remove("GRAFT_CONFIG");
        builder.environment().remove("GRAFT_NODE_ID");
        return new Member(builder.start());
    }

    private static List<Integer> freePorts(int count) {
        List<ServerSocket> sockets = new ArrayList<>();
        try {
            for (int i = 0; i < count; i++) {
                sockets.add(new ServerSocket(0, 1, InetAddress.getLoopbackAddress()));
            }
            return sockets.stream().map(ServerSocket::getLocalPort).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            for (ServerSocket s : sockets) {
                try {
                    s.close();
                } catch (IOException ignored) {
                    // A probe socket.
                }
            }
        }
    }

    /** A GET that answers with the status code, or -1 when nothing listens. */
    static int statusOf(URI base, String path) {
        try {
            HttpResponse<String> response = Http.get(base, path);
            return response.statusCode();
        } catch (UncheckedIOException e) {
            return -1;
        }
    }
}
