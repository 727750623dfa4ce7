package io.graft.metrics.micrometer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.graft.api.RaftNode;
import io.graft.api.config.ClusterConfig;
import io.graft.core.Graft;
import io.graft.core.codec.BuiltinCodecs;
import io.graft.core.storage.MemoryLogStorage;
import io.graft.transport.inmemory.InMemoryNetwork;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.search.Search;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;

/**
 * A few members in this JVM on an {@link InMemoryNetwork} (messages encoded, so bytes are counted), each with its
 * own {@link GraftMeters} on one shared registry, as an application running several members would have, and an
 * {@link EventLog} registered from its start.
 */
final class MeteredCluster implements AutoCloseable {
    static final String CLUSTER = "test-cluster";
    static final Duration WAIT = Duration.ofSeconds(15);

    final MeterRegistry registry;
    final InMemoryNetwork network = InMemoryNetwork.create();
    final ClusterConfig config;
    private final boolean alsoAsListener;
    private final Map<Integer, GraftMeters> meters = new ConcurrentHashMap<>();
    private final Map<Integer, MemoryLogStorage> storages = new ConcurrentHashMap<>();
    private final Map<Integer, EventLog> events = new ConcurrentHashMap<>();
    private final Map<Integer, RaftNode<String, Long>> nodes = new ConcurrentHashMap<>();

    /**
     * Starts {@code size} members.
     *
     * @param tune changes to the cluster configuration
     * @param alsoAsListener whether each member's meters are also registered with the builder's {@code listener}
     */
    MeteredCluster(int size, MeterRegistry registry, UnaryOperator<ClusterConfig.Builder> tune,
                   boolean alsoAsListener) {
        this.registry = registry;
        this.alsoAsListener = alsoAsListener;
        ClusterConfig.Builder b = ClusterConfig.builder().clusterId(CLUSTER).electionTimeout(Duration.ofMillis(300));
        for (int id = 1; id <= size; id++) {
            b.member(id, "node-" + id, 7000 + id);
        }
        config = tune.apply(b).build();
        for (int id = 1; id <= size; id++) {
            meters.put(id, GraftMeters.create(registry, CLUSTER));
            storages.put(id, MemoryLogStorage.forNewCluster());
            start(id);
        }
    }

    MeteredCluster(int size) {
        this(size, new SimpleMeterRegistry(), b -> b, false);
    }

    /** Starts member {@code id} (again) with its own meters and the log it kept. */
    void start(int id) {
        EventLog log = events.computeIfAbsent(id, i -> new EventLog());
        GraftMeters m = meters.get(id);
        Graft.NodeBuilder<String, Long> builder = Graft.node(config, id, new CountingMachine(), BuiltinCodecs.utf8())
                .transport(network.transport(id)).storage(storages.get(id)).listener(log).metrics(m);
        if (alsoAsListener) {
            builder.listener(m);
        }
        nodes.put(id, builder.start());
    }

    RaftNode<String, Long> node(int id) {
        return nodes.get(id);
    }

    GraftMeters meters(int id) {
        return meters.get(id);
    }

    EventLog events(int id) {
        return events.get(id);
    }

    RaftNode<String, Long> awaitLeader() {
        await().atMost(WAIT).until(() -> nodes.values().stream().filter(n -> n.status().isLeader()).count() == 1);
        return nodes.values().stream().filter(n -> n.status().isLeader()).findFirst().orElseThrow();
    }

    List<Integer> othersThan(int id) {
        return nodes.keySet().stream().filter(i -> i != id).sorted().toList();
    }

    /** Meters of member {@code id} called {@code name}. */
    Search find(int id, String name) {
        return registry.find(name).tag(GraftMeterNames.TAG_CLUSTER, CLUSTER)
                .tag(GraftMeterNames.TAG_MEMBER, String.valueOf(id));
    }

    /** Every meter of member {@code id}. */
    List<Meter> metersOf(int id) {
        return registry.getMeters().stream()
                .filter(m -> String.valueOf(id).equals(m.getId().getTag(GraftMeterNames.TAG_MEMBER))).toList();
    }

    /** The count of member {@code id}'s counter; an assertion error while it does not exist. */
    double counter(int id, String name, String... tags) {
        Counter c = find(id, name).tags(tags).counter();
        assertThat(c).as("counter %s of member %d", name, id).isNotNull();
        return c.count();
    }

    /** The value of member {@code id}'s gauge; an assertion error while it does not exist. */
    double gauge(int id, String name, String... tags) {
        Gauge g = find(id, name).tags(tags).gauge();
        assertThat(g).as("gauge %s of member %d", name, id).isNotNull();
        return g.value();
    }

    @Override
    public void close() {
        nodes.values().forEach(RaftNode::close);
        network.close();
    }
}
