package io.graft.core.internal.runtime;

import static org.awaitility.Awaitility.await;

import io.graft.api.RaftNode;
import io.graft.api.StateMachine;
import io.graft.api.config.ClusterConfig;
import io.graft.core.Graft;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.IntFunction;
import java.util.function.UnaryOperator;

/** A few members in this JVM on a {@link DirectNetwork}, each built with a test's own customisation. */
final class Members<S extends StateMachine<String, Integer>> implements AutoCloseable {
    static final Duration ELECTION_TIMEOUT = Duration.ofMillis(100);

    final List<RaftNode<String, Integer>> nodes = new ArrayList<>();
    final List<S> machines = new ArrayList<>();

    Members(int count, IntFunction<S> machine,
            BiFunction<Integer, Graft.NodeBuilder<String, Integer>, Graft.NodeBuilder<String, Integer>> customise) {
        this(count, machine, UnaryOperator.identity(), customise);
    }

    Members(int count, IntFunction<S> machine, UnaryOperator<ClusterConfig.Builder> settings,
            BiFunction<Integer, Graft.NodeBuilder<String, Integer>, Graft.NodeBuilder<String, Integer>> customise) {
        ClusterConfig.Builder cfg = settings.apply(ClusterConfig.builder().electionTimeout(ELECTION_TIMEOUT));
        for (int id = 1; id <= count; id++) {
            cfg.member(id, "m" + id, 1);
        }
        ClusterConfig config = cfg.build();
        DirectNetwork net = new DirectNetwork();
        for (int id = 1; id <= count; id++) {
            S sm = machine.apply(id);
            machines.add(sm);
            nodes.add(customise.apply(id, Graft.node(config, id, sm, LocalClusterSmokeTest.UTF8)
                    .transport(net.transport(id))).start());
        }
    }

    RaftNode<String, Integer> node(int id) {
        return nodes.get(id - 1);
    }

    S machine(int id) {
        return machines.get(id - 1);
    }

    RaftNode<String, Integer> awaitLeader() {
        await().atMost(Duration.ofSeconds(10))
                .until(() -> nodes.stream().filter(n -> n.status().isLeader()).count() == 1);
        return nodes.stream().filter(n -> n.status().isLeader()).findFirst().orElseThrow();
    }

    @Override
    public void close() {
        nodes.forEach(RaftNode::close);
    }
}
