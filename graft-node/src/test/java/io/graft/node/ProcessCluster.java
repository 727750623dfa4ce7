package io.graft.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A cluster with one child JVM per member, on a network transport (e.g. {@code zeromq}), on 127.0.0.1 with
 * free ports, for tests of the runnable launcher and client across processes. Closing it kills every member.
 *
 * <pre>{@code
 * @ParameterizedTest
 * @ValueSource(strings = "zeromq")
 * void aValueWrittenThroughOneClientIsReadByAnother(String transport, @TempDir Path dir) {
 *     try (ProcessCluster cluster = ProcessCluster.start(dir, transport, 3)) {
 *         String config = cluster.config().toString();
 *         assertThat(CliProcess.run(dir, "--config", config, "put", "k", "v").code()).isZero();
 *         int leader = cluster.leader(dir); // through graft status
 *         cluster.member(1).kill();
 *         assertThat(CliProcess.run(dir, "--config", config, "get", "k").out()).isEqualTo("OK value=v");
 *     }
 * }
 * }</pre>
 */
final class ProcessCluster implements AutoCloseable {
    private final Path dir;
    private final String transport;
    private final String stateMachine;
    private final String codec;
    private final List<Integer> ports;
    private final Path config;
    private final Map<Integer, NodeProcess> members = new LinkedHashMap<>();

    private ProcessCluster(Path dir, String transport, String stateMachine, String codec, List<Integer> ports) {
        this.dir = dir;
        this.transport = transport;
        this.stateMachine = stateMachine;
        this.codec = codec;
        this.ports = new ArrayList<>(ports);
        this.config = ClusterFiles.write(dir, "cluster.yaml", clusterFile(ports));
    }

    /**
     * Writes a key-value cluster file for {@code size} members on {@code transport} into {@code dir} (logs in
     * {@code dir/data}), starts every member and waits until each has printed its "started" line.
     */
    static ProcessCluster start(Path dir, String transport, int size) {
        return start(dir, transport, size, "kv", "kv-binary");
    }

    /** Starts a cluster as {@link #start(Path, String, int)} does, of another state machine and codec. */
    static ProcessCluster start(Path dir, String transport, int size, String stateMachine, String codec) {
        ProcessCluster cluster = new ProcessCluster(dir, transport, stateMachine, codec, freePorts(size));
        try {
            for (int id = 1; id <= size; id++) {
                cluster.members.put(id, NodeProcess.start(cluster.config, id));
            }
        } catch (RuntimeException | Error e) {
            cluster.close();
            throw e;
        }
        return cluster;
    }

    /** The cluster file, for the command line client ({@code --config}). */
    Path config() {
        return config;
    }

    /** The process of member {@code id}. */
    NodeProcess member(int id) {
        return members.get(id);
    }

    /**
     * Starts a new member with the next id on a free port, joining the running cluster ({@code --join}) with a
     * cluster file that lists it too, and waits for its "started" line; it becomes a member once a client adds
     * it ({@code add-member ID ADDRESS}).
     *
     * @return the new member's process; {@link #address} gives what to pass to {@code add-member}
     */
    NodeProcess join() {
        int id = ports.size() + 1;
        ports.addAll(freePorts(1));
        Path file = ClusterFiles.write(dir, "cluster-with-" + id + ".yaml", clusterFile(ports));
        NodeProcess node = NodeProcess.launch(Map.of(), "--config", file.toString(), "--id", Integer.toString(id),
                "--join");
        members.put(id, node);
        node.awaitStarted();
        return node;
    }

    /** The {@code host:port} of member {@code id}. */
    String address(int id) {
        return "127.0.0.1:" + ports.get(id - 1);
    }

    /** Starts member {@code id} again (after {@link NodeProcess#stop()} or {@link NodeProcess#kill()}). */
    NodeProcess restart(int id) {
        members.get(id).close();
        NodeProcess node = NodeProcess.start(config, id);
        members.put(id, node);
        return node;
    }

    /**
     * The leader as {@code graft status} (run in {@code workDir}) reports it; run again should it find none (an
     * election is under way), for up to 30 seconds.
     */
    int leader(Path workDir) {
        int[] leader = new int[1];
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            CliProcess status = CliProcess.tool(workDir, "--config", config.toString(), "status");
            assertThat(status.code()).as("status: %s", status.err()).isZero();
            leader[0] = leaderIn(status.out());
        });
        return leader[0];
    }

    /** The leader the last line of {@code graft status}'s output names. */
    static int leaderIn(String statusOutput) {
        Optional<String> line = statusOutput.lines().filter(l -> l.startsWith("leader: member ")).findFirst();
        assertThat(line).as(statusOutput).isPresent();
        String rest = line.get().substring("leader: member ".length());
        return Integer.parseInt(rest.substring(0, rest.indexOf(' ')));
    }

    /** What every member printed so far, for failure messages. */
    String outputs() {
        StringBuilder s = new StringBuilder();
        members.forEach((id, node) -> s.append("--- member ").append(id).append(":\n").append(node.output()).append('\n'));
        return s.toString();
    }

    @Override
    public void close() {
        members.values().forEach(NodeProcess::close);
    }

    /** A key-value cluster file: member {@code i + 1} listens on {@code ports.get(i)}. */
    static String kvClusterFile(String transport, List<Integer> ports, Path dataDir) {
        return clusterFile(transport, "kv", "kv-binary", ports, dataDir);
    }

    private String clusterFile(List<Integer> ports) {
        return clusterFile(transport, stateMachine, codec, ports, dir.resolve("data"));
    }

    /** A cluster file of {@code stateMachine}: member {@code i + 1} listens on {@code ports.get(i)}. */
    static String clusterFile(String transport, String stateMachine, String codec, List<Integer> ports,
                              Path dataDir) {
        StringBuilder members = new StringBuilder();
        for (int i = 0; i < ports.size(); i++) {
            members.append("  ").append(i + 1).append(": 127.0.0.1:").append(ports.get(i)).append('\n');
        }
        return "clusterId: process-test\n"
                + "electionTimeout: 200\n"
                + "transport: " + transport + "\n"
                + "stateMachine: " + stateMachine + "\n"
                + "codec: " + codec + "\n"
                + "dataDir: " + dataDir.toAbsolutePath() + "\n"
                + "configuration:\n" + members;
    }

    /** Ports free on 127.0.0.1 right now (a small race with other processes is accepted in tests). */
    static List<Integer> freePorts(int count) {
        List<ServerSocket> sockets = new ArrayList<>();
        try {
            for (int i = 0; i < count; i++) {
                sockets.add(new ServerSocket(0, 1, InetAddress.getLoopbackAddress()));
            }
            return sockets.stream().map(ServerSocket::getLocalPort).collect(Collectors.toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            for (ServerSocket s : sockets) {
                try {
                    s.close();
                } catch (IOException ignored) {
                    // Closing a probe socket cannot matter.
                }
            }
        }
    }
}
