package io.graft.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.graft.api.RaftNode;
import io.graft.api.config.ClusterConfig;
import io.graft.api.config.ConfigurationException;
import io.graft.api.transport.Transport;
import io.graft.core.Graft;
import io.graft.core.config.ClusterConfigLoader;
import io.graft.core.plugin.Plugins;
import io.graft.transport.inmemory.InMemoryNetwork;
import io.graft.transport.inmemory.InMemoryTransport;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The in-memory transport's pass-by-reference delivery is a setting of the cluster file. */
class YamlTransportOptionsTest {
    private final String network = "yaml-" + UUID.randomUUID();

    @AfterEach
    void closeNetwork() {
        InMemoryNetwork.named(network).close();
    }

    private ClusterConfig load(String passByReference) {
        return ClusterConfigLoader.parse("""
                electionTimeout: 200
                transport: inmemory
                transportOptions:
                  network: %s
                  passByReference: %s
                configuration: {1: a, 2: b, 3: c}
                """.formatted(network, passByReference), "cluster.yaml");
    }

    @Test
    void aClusterStartedFromTheFileHandsMessagesOverByReference() {
        ClusterConfig config = load("true");
        Transport transport = new Plugins().transport(config.transport()).create(config.transportOptions());
        assertThat(((InMemoryTransport) transport).isPassByReference()).isTrue();
        transport.close();

        List<RaftNode<String, Integer>> nodes = new ArrayList<>();
        try {
            for (int id = 1; id <= 3; id++) {
                nodes.add(Graft.node(config, id, new Words(), Words.CODEC).start());
            }
            // The first leader known may lose an election a moment later while all three start: ask until one stays.
            await().atMost(Duration.ofSeconds(20)).ignoreExceptions().until(() -> {
                int leader = nodes.get(0).whenLeaderKnown().orTimeout(20, TimeUnit.SECONDS).join();
                return nodes.get(leader - 1).submit("w").orTimeout(20, TimeUnit.SECONDS).join() >= 1;
            });
        } finally {
            nodes.forEach(RaftNode::close);
        }
    }

    @Test
    void aValueThatIsNotABooleanIsRefusedWithTheKeyAndLine() {
        ClusterConfig config = load("maybe");

        assertThatThrownBy(() -> Graft.node(config, 1, new Words(), Words.CODEC).start())
                .isInstanceOfSatisfying(ConfigurationException.class, e -> {
                    assertThat(e.key()).isEqualTo("transportOptions.passByReference");
                    assertThat(e.line()).isEqualTo(5);
                    assertThat(e.getMessage()).contains("expected true or false, got 'maybe'");
                });
    }
}
