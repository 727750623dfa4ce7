package io.graft.core.internal.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.graft.api.Codec;
import io.graft.api.RaftNode;
import io.graft.api.StateMachine;
import io.graft.api.config.ClusterConfig;
import io.graft.core.Graft;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class LocalClusterSmokeTest {

    static final Codec<String> UTF8 = new Codec<>() {
        @Override
        public byte[] encode(String value) {
            return value.getBytes(StandardCharsets.UTF_8);
        }

        @Override
        public String decode(byte[] bytes) {
            return new String(bytes, StandardCharsets.UTF_8);
        }
    };

    static class Recorder implements StateMachine<String, Integer> {
        final List<String> applied = new CopyOnWriteArrayList<>();

        @Override
        public Integer apply(long index, String command) {
            applied.add(command);
            return applied.size();
        }
    }

    @Test
    void threeNodesElectAndReplicate() {
        ClusterConfig cfg = ClusterConfig.builder().member(1, "a", 1).member(2, "b", 1).member(3, "c", 1)
                .electionTimeout(Duration.ofMillis(100)).build();
        DirectNetwork net = new DirectNetwork();
        List<RaftNode<String, Integer>> nodes = new ArrayList<>();
        List<Recorder> sms = new ArrayList<>();
        for (int id = 1; id <= 3; id++) {
            Recorder r = new Recorder();
            sms.add(r);
            nodes.add(Graft.node(cfg, id, r, UTF8).transport(net.transport(id)).start());
        }
        try {
            await().atMost(Duration.ofSeconds(10)).until(() -> nodes.stream().filter(n -> n.status().isLeader()).count() == 1);
            RaftNode<String, Integer> leader = nodes.stream().filter(n -> n.status().isLeader()).findFirst().orElseThrow();
            List<CompletableFuture<Integer>> fs = new ArrayList<>();
            for (int i = 0; i < 1000; i++) {
                fs.add(leader.submit("c" + i));
            }
            CompletableFuture.allOf(fs.toArray(CompletableFuture[]::new)).join();
            assertThat(fs.get(999).join()).isEqualTo(1000);
            await().atMost(Duration.ofSeconds(10)).until(() -> sms.stream().allMatch(s -> s.applied.size() == 1000));
            assertThat(sms.get(0).applied).isEqualTo(sms.get(1).applied).isEqualTo(sms.get(2).applied);
        } finally {
            nodes.forEach(RaftNode::close);
        }
    }
}
