package com.example.consumer;

import io.graft.api.Codec;
import io.graft.api.RaftNode;
import io.graft.api.config.ClusterConfig;
import io.graft.core.Graft;
import io.graft.core.config.ClusterConfigLoader;
import io.graft.core.plugin.Plugins;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * Uses Graft as a new user would: a three-member cluster described in YAML, whose transport and codec are found
 * by name, commits one write, which every member must apply. Exits 0 when it does, 1 otherwise.
 *
 * <p>With {@code --module-path} as its argument it also checks that it runs as a named module reading Graft's
 * modules ({@code io.graft.api}, {@code io.graft.core}, the plug-ins as automatic modules).
 */
public final class ConsumerCheck {
    private static final Duration DEADLINE = Duration.ofSeconds(30);

    private static final String CLUSTER = """
            electionTimeout: 150
            transport: inmemory
            codec: kryo
            configuration:
              1: alpha
              2: beta
              3: gamma
            """;

    private ConsumerCheck() {
    }

    /**
     * Runs the check.
     *
     * @param args {@code --module-path} to also check the modules it runs in
     */
    public static void main(String[] args) {
        boolean modulePath = List.of(args).contains("--module-path");
        try {
            run(modulePath);
            System.out.println("OK: a write committed and was applied on all three members"
                    + (modulePath ? " (module path)" : " (class path)"));
            System.exit(0);
        } catch (Exception | AssertionError e) {
            System.err.println("FAILED: " + e);
            e.printStackTrace();
            System.exit(1);
        }
    }

    private static void run(boolean modulePath) throws Exception {
        if (modulePath) {
            check(ConsumerCheck.class.getModule().isNamed(), "this program runs as a named module");
            expectModule(ClusterConfigLoader.class, "io.graft.core");
            expectModule(ClusterConfig.class, "io.graft.api");
        }
        ClusterConfig cluster = ClusterConfigLoader.parse(CLUSTER, "consumer.yaml");
        Plugins plugins = new Plugins();
        check(plugins.availableTransportNames().contains("inmemory"),
                "the inmemory transport is found by name; found " + plugins.availableTransportNames());
        check(plugins.availableCodecNames().contains("kryo"),
                "the kryo codec is found by name; found " + plugins.availableCodecNames());
        Codec<Add> commands = plugins.codec(cluster.codec()).codecFor(Add.class, cluster.codecOptions());

        List<Counter> counters = new ArrayList<>();
        List<RaftNode<Add, Long>> nodes = new ArrayList<>();
        try {
            for (int id : cluster.memberIds()) {
                Counter counter = new Counter();
                counters.add(counter);
                nodes.add(Graft.node(cluster, id, counter, commands).start());
            }
            long deadline = System.nanoTime() + DEADLINE.toNanos();
            RaftNode<Add, Long> leader = awaitLeader(nodes, deadline);
            long total = leader.submit(new Add(42)).get(DEADLINE.toSeconds(), TimeUnit.SECONDS);
            check(total == 42, "the leader's result is 42, not " + total);
            await(() -> counters.stream().allMatch(c -> c.total() == 42), deadline,
                    "every member applied the write");
        } finally {
            nodes.forEach(RaftNode::close);
        }
    }

    private static RaftNode<Add, Long> awaitLeader(List<RaftNode<Add, Long>> nodes, long deadline)
            throws InterruptedException {
        while (true) {
            Optional<RaftNode<Add, Long>> leader = nodes.stream().filter(n -> n.status().isLeader()).findFirst();
            if (leader.isPresent()) {
                return leader.get();
            }
            check(System.nanoTime() < deadline, "a leader is elected within " + DEADLINE);
            Thread.sleep(10);
        }
    }

    private static void await(BooleanSupplier condition, long deadline, String what) throws InterruptedException {
        while (!condition.getAsBoolean()) {
            check(System.nanoTime() < deadline, what + " within " + DEADLINE);
            Thread.sleep(10);
        }
    }

    private static void expectModule(Class<?> type, String module) {
        String actual = type.getModule().getName();
        check(module.equals(actual), type.getName() + " is in module " + module + ", not " + actual);
    }

    private static void check(boolean condition, String expectation) {
        if (!condition) {
            throw new AssertionError("expected: " + expectation);
        }
    }
}
