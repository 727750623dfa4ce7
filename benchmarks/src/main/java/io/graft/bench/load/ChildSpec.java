package io.graft.bench.load;

import io.graft.api.config.ClusterConfig;
import io.graft.api.config.Member;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What a child process needs to start one member of the benchmarked cluster: the parts of the parent's
 * {@link ClusterConfig} the benchmark sets, carried as command-line arguments so that the child builds the
 * same configuration.
 *
 * @param memberId the member the child runs
 * @param members every member, with its address
 * @param electionTimeoutMillis the election timeout
 * @param heartbeatMillis the heartbeat interval
 * @param snapshotEvery entries applied between snapshots
 * @param maxPendingCommands the most commands pending at once
 * @param transport the transport's provider name
 * @param dataDir where file logs go, or {@code null} for memory logs
 * @param fsync whether file logs force writes to disk
 * @param metrics whether the member records Micrometer meters, and into which registry
 */
record ChildSpec(int memberId, List<Member> members, long electionTimeoutMillis, long heartbeatMillis,
                 long snapshotEvery, int maxPendingCommands, String transport, Path dataDir, boolean fsync,
                 MetricsMode metrics) {

    ChildSpec {
        members = List.copyOf(members);
    }

    /**
     * Member {@code memberId} of {@code config}, recording meters as {@code metrics} says.
     *
     * @throws IllegalArgumentException if {@code config} sets something a child could not reproduce
     */
    static ChildSpec of(ClusterConfig config, int memberId, MetricsMode metrics) {
        if (!config.transportOptions().values().isEmpty() || !config.codec().equals(BenchCluster.CODEC)
                || !config.clusterId().equals(BenchCluster.CLUSTER_ID)) {
            throw new IllegalArgumentException("child members cannot reproduce transport options, another codec or"
                    + " cluster id; extend ChildSpec to carry them");
        }
        config.member(memberId);
        return new ChildSpec(memberId, new ArrayList<>(config.members().values()), config.electionTimeout().toMillis(),
                config.heartbeatInterval().toMillis(), config.snapshotEvery(), config.maxPendingCommands(),
                config.transport(), config.dataDir().orElse(null), config.fsync(), metrics);
    }

    /** The configuration the parent built. */
    ClusterConfig toConfig() {
        ClusterConfig.Builder b = ClusterConfig.builder()
                .clusterId(BenchCluster.CLUSTER_ID)
                .codec(BenchCluster.CODEC)
                .electionTimeout(Duration.ofMillis(electionTimeoutMillis))
                .heartbeatInterval(Duration.ofMillis(heartbeatMillis))
                .snapshotEvery(snapshotEvery)
                .maxPendingCommands(maxPendingCommands)
                .transport(transport)
                .dataDir(dataDir)
                .fsync(fsync);
        members.forEach(b::member);
        return b.build();
    }

    /** The arguments {@link #parse} reads back. */
    List<String> toArgs() {
        List<String> args = new ArrayList<>(List.of("--member", String.valueOf(memberId),
                "--members", String.join(",", members.stream().map(m -> m.id() + "=" + m.address()).toList()),
                "--election-timeout-ms", String.valueOf(electionTimeoutMillis),
                "--heartbeat-ms", String.valueOf(heartbeatMillis),
                "--snapshot-every", String.valueOf(snapshotEvery),
                "--max-pending", String.valueOf(maxPendingCommands),
                "--transport", transport,
                "--fsync", String.valueOf(fsync),
                "--metrics", metrics.cliName()));
        if (dataDir != null) {
            args.add("--data-dir");
            args.add(dataDir.toString());
        }
        return args;
    }

    /**
     * The spec {@link #toArgs} wrote.
     *
     * @throws IllegalArgumentException naming the argument that is missing or malformed
     */
    static ChildSpec parse(List<String> args) {
        Map<String, String> values = new HashMap<>();
        for (int i = 0; i < args.size(); i += 2) {
            if (i + 1 >= args.size()) {
                throw new IllegalArgumentException("argument " + args.get(i) + " has no value");
            }
            values.put(args.get(i), args.get(i + 1));
        }
        List<Member> members = new ArrayList<>();
        for (String m : required(values, "--members").split(",")) {
            int eq = m.indexOf('=');
            int colon = m.lastIndexOf(':');
            if (eq < 1 || colon < eq) {
                throw new IllegalArgumentException("--members takes id=host:port,..., got '" + m + "'");
            }
            members.add(new Member(Integer.parseInt(m.substring(0, eq)), m.substring(eq + 1, colon),
                    Integer.parseInt(m.substring(colon + 1))));
        }
        String dataDir = values.get("--data-dir");
        return new ChildSpec(Integer.parseInt(required(values, "--member")), members,
                Long.parseLong(required(values, "--election-timeout-ms")),
                Long.parseLong(required(values, "--heartbeat-ms")),
                Long.parseLong(required(values, "--snapshot-every")),
                Integer.parseInt(required(values, "--max-pending")),
                required(values, "--transport"), dataDir == null ? null : Path.of(dataDir),
                Boolean.parseBoolean(required(values, "--fsync")),
                MetricsMode.parse(required(values, "--metrics")));
    }

    private static String required(Map<String, String> values, String name) {
        String v = values.get(name);
        if (v == null) {
            throw new IllegalArgumentException("missing argument " + name + " (the parent passes every one)");
        }
        return v;
    }
}
