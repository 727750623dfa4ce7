package io.graft.examples.codecs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.graft.api.Codec;
import io.graft.api.CodecProvider;
import io.graft.api.RaftClient;
import io.graft.api.RaftNode;
import io.graft.api.config.ClusterConfig;
import io.graft.core.Graft;
import io.graft.core.client.GraftClient;
import io.graft.core.config.ClusterConfigLoader;
import io.graft.core.plugin.Plugins;
import io.graft.examples.kv.KvCommand;
import io.graft.examples.kv.KvResult;
import io.graft.examples.kv.KvStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The KV example on a cluster whose codec the YAML chooses by name: Kryo, or the hand-written kv-binary. */
class CodecByNameClusterTest {

    private static ClusterConfig yaml(String codec) {
        return ClusterConfigLoader.parse("""
                electionTimeout: 100
                transport: inmemory
                transportOptions:
                  network: %s
                codec: %s
                configuration:
                  1: alpha
                  2: beta
                  3: gamma
                """.formatted("codecs-" + UUID.randomUUID(), codec), "cluster.yaml");
    }

    private static RaftNode<KvCommand, KvResult> awaitLeader(List<RaftNode<KvCommand, KvResult>> nodes) {
        await().atMost(Duration.ofSeconds(20)).until(() -> nodes.stream().filter(n -> n.status().isLeader()).count() == 1);
        return nodes.stream().filter(n -> n.status().isLeader()).findFirst().orElseThrow();
    }

    @ParameterizedTest
    @ValueSource(strings = {"kryo", "kv-binary"})
    void kvStoreReplicatesWithTheCodecTheYamlNames(String codecName) {
        ClusterConfig cluster = yaml(codecName);
        CodecProvider provider = new Plugins().codec(cluster.codec());
        Codec<KvCommand> commands = provider.codecFor(KvCommand.class, cluster.codecOptions());
        Codec<KvResult> results = provider.codecFor(KvResult.class, cluster.codecOptions());
        List<KvStore> stores = new ArrayList<>();
        List<RaftNode<KvCommand, KvResult>> nodes = new ArrayList<>();
        try {
            for (int id : cluster.memberIds()) {
                KvStore store = new KvStore();
                stores.add(store);
                nodes.add(Graft.node(cluster, id, store, commands).resultCodec(results).start());
            }
            RaftNode<KvCommand, KvResult> leader = awaitLeader(nodes);
            assertThat(leader.submit(KvCommand.put("a", "1")).join().value()).isEmpty();
            assertThat(leader.submit(KvCommand.compareAndSet("a", "1", "2")).join().swapped()).isTrue();
            try (RaftClient<KvCommand, KvResult> client = GraftClient.builder(cluster, commands, results).build()) {
                assertThat(client.submit(KvCommand.get("a")).join().value()).contains("2");
                assertThat(client.submit(KvCommand.put("b", "x")).join().changed()).isTrue();
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> stores.stream().allMatch(s -> s.size() == 2));
            for (KvStore s : stores) {
                assertThat(s.snapshotOfData()).isEqualTo(Map.of("a", "2", "b", "x"));
            }
        } finally {
            nodes.forEach(RaftNode::close);
        }
    }

    @Test
    void aMemberWithAnotherCodecNoticesAndStopsInsteadOfMisreading() {
        ClusterConfig cluster = yaml("kv-binary");
        Codec<KvCommand> binary = new Plugins().codec("kv-binary").codecFor(KvCommand.class, cluster.codecOptions());
        Codec<KvCommand> kryo = new Plugins().codec("kryo").codecFor(KvCommand.class, cluster.codecOptions());
        List<RaftNode<KvCommand, KvResult>> nodes = new ArrayList<>();
        try {
            nodes.add(Graft.node(cluster, 1, new KvStore(), binary).start());
            nodes.add(Graft.node(cluster, 2, new KvStore(), binary).start());
            RaftNode<KvCommand, KvResult> leader = awaitLeader(nodes);
            leader.submit(KvCommand.put("k", "v")).join();
            RaftNode<KvCommand, KvResult> odd = Graft.node(cluster, 3, new KvStore(), kryo).start();
            nodes.add(odd);
            await().atMost(Duration.ofSeconds(20)).until(() -> !odd.isRunning());
            assertThat(odd.failure()).get().asString().contains("codec", "kryo/", "kv-binary/v1");
            // The well-configured majority keeps working.
            leader.submit(KvCommand.put("still", "working")).join();
        } finally {
            nodes.forEach(RaftNode::close);
        }
    }
}
