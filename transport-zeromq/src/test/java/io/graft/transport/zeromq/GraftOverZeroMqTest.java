package io.graft.transport.zeromq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.graft.api.RaftClient;
import io.graft.api.RaftNode;
import io.graft.api.config.ClusterConfig;
import io.graft.api.transport.ClientInbox;
import io.graft.api.transport.ClientTransport;
import io.graft.core.Graft;
import io.graft.core.client.GraftClient;
import io.graft.core.codec.BuiltinCodecs;
import io.graft.core.config.ClusterConfigLoader;
import io.graft.core.internal.client.ClientFrames;
import io.graft.core.internal.client.ClientRequest;
import io.graft.core.internal.client.ClientResponse;
import io.graft.core.internal.client.ClientStatus;
import io.graft.core.plugin.Plugins;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

/**
 * A three-member Graft cluster in this JVM on the {@code zeromq} transport (127.0.0.1, free ports), and remote
 * clients built from the same YAML, whose client side the transport's provider makes by name.
 */
class GraftOverZeroMqTest {
    private ClusterConfig cluster;
    private final Map<Integer, Tally> tallies = new HashMap<>();
    private final Map<Integer, ZeroMqTransport> transports = new HashMap<>();
    private final Map<Integer, RaftNode<String, Integer>> nodes = new HashMap<>();

    @BeforeEach
    void startCluster() {
        cluster = ClusterConfigLoader.parse("""
                electionTimeout: 150
                transport: zeromq
                configuration:
                  1: 127.0.0.1:%d
                  2: 127.0.0.1:%d
                  3: 127.0.0.1:%d
                """.formatted(TestCluster.freePort(), TestCluster.freePort(), TestCluster.freePort()), "cluster.yaml");
        for (int id : cluster.memberIds()) {
            start(id);
        }
    }

    private void start(int id) {
        Tally tally = new Tally();
        // Through the provider the YAML names, kept to read the member's transport counters.
        ZeroMqTransport transport = (ZeroMqTransport) new Plugins().transport(cluster.transport())
                .create(cluster.transportOptions());
        tallies.put(id, tally);
        transports.put(id, transport);
        nodes.put(id, Graft.node(cluster, id, tally, BuiltinCodecs.utf8()).resultCodec(Tally.RESULTS)
                .transport(transport).start());
    }

    @AfterEach
    void stopCluster() {
        nodes.values().forEach(RaftNode::close);
    }

    private GraftClient.Builder<String, Integer> client() {
        return GraftClient.builder(cluster, BuiltinCodecs.utf8(), Tally.RESULTS);
    }

    private RaftNode<String, Integer> awaitLeader() {
        await().atMost(Duration.ofSeconds(20)).until(() -> nodes.values().stream()
                .filter(n -> n.status().isLeader()).count() == 1);
        return nodes.values().stream().filter(n -> n.status().isLeader()).findFirst().orElseThrow();
    }

    /** Waits until every running member applied exactly {@code expected}, in the same order. */
    private void awaitAllApplied(List<String> expected) {
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            for (int id : nodes.keySet()) {
                assertThat(tallies.get(id).applied()).as("member %d", id).isEqualTo(expected);
            }
        });
    }

    @Test
    void aClientBuiltFromTheYamlWritesAndReads() {
        try (RaftClient<String, Integer> client = client().build()) {
            assertThat(client.submit("apple").join()).isEqualTo(1);
            assertThat(client.submit("apple").join()).isEqualTo(2);
            assertThat(client.submit("pear").join()).isEqualTo(1);
            assertThat(client.submit("read:apple").join()).isEqualTo(2);
        }
        awaitAllApplied(List.of("apple", "apple", "pear"));
        ZeroMqStats leader = transports.get(awaitLeader().id()).stats();
        assertThat(leader.clientRequests()).isGreaterThanOrEqualTo(4);
        assertThat(leader.clientReplies()).isGreaterThanOrEqualTo(4);
    }

    @Test
    void lostRepliesAreRetriedAndEachCommandIsAppliedOnce() {
        DropFirstReply lossy = new DropFirstReply(new Plugins().transport(cluster.transport())
                .createClient(cluster.transportOptions()));
        List<String> commands = IntStream.range(0, 100).mapToObj(i -> "w" + i).toList();
        try (RaftClient<String, Integer> client = client().transport(lossy).retryAfter(Duration.ofMillis(100))
                .build()) {
            List<CompletableFuture<Integer>> results = new ArrayList<>();
            for (String c : commands) {
                results.add(client.submit(c));
            }
            // The first answer to every command was lost, so each was sent again and answered from the session:
            // with its original result, 1, never a second application.
            assertThat(results.stream().map(CompletableFuture::join).toList()).hasSize(100).containsOnly(1);
        }
        assertThat(lossy.dropped.get()).isEqualTo(100);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            for (Tally t : tallies.values()) {
                assertThat(t.applied()).hasSize(100).doesNotHaveDuplicates()
                        .containsExactlyInAnyOrderElementsOf(commands);
            }
        });
        assertThat(tallies.get(1).applied()).isEqualTo(tallies.get(2).applied()).isEqualTo(tallies.get(3).applied());
    }

    @Test
    void theClientFollowsANewLeader() {
        try (RaftClient<String, Integer> client = client().retryAfter(Duration.ofMillis(150)).build()) {
            assertThat(client.submit("before").join()).isEqualTo(1);
            RaftNode<String, Integer> leader = awaitLeader();
            leader.close();
            nodes.remove(leader.id());
            assertThat(client.submit("after").join()).isEqualTo(1);
            assertThat(client.submit("read:before").join()).isEqualTo(1);
        }
        awaitAllApplied(List.of("before", "after"));
    }

    @Test
    void garbageFromARawClientIsCountedAndHarmless() {
        try (ZContext raw = new ZContext()) {
            List<ZMQ.Socket> rogues = new ArrayList<>();
            for (int id : cluster.memberIds()) {
                ZMQ.Socket rogue = raw.createSocket(SocketType.DEALER);
                rogue.setIdentity("crogue".getBytes(StandardCharsets.US_ASCII));
                rogue.setLinger(0);
                rogue.setHandshakeIvl(TestCluster.RAW_HANDSHAKE_MILLIS);
                rogue.connect(Sockets.tcpEndpoint("127.0.0.1", cluster.member(id).port()));
                rogues.add(rogue);
            }
            byte[] wrongVersion = ClientFrames.encode(new ClientRequest(7, 1, 0, new byte[3]));
            wrongVersion[0] = 9;
            byte[] truncated = ClientFrames.encode(new ClientRequest(7, 1, 0, new byte[3]));
            truncated = java.util.Arrays.copyOf(truncated, truncated.length - 2);
            for (ZMQ.Socket rogue : rogues) {
                rogue.send(new byte[] {1, 2, 3}, 0);
                rogue.send(wrongVersion, 0);
                rogue.send(truncated, 0);
                rogue.send(new byte[0], 0);
            }
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                for (int id : cluster.memberIds()) {
                    assertThat(transports.get(id).stats().rejected(RejectReason.CLIENT_REQUEST_REFUSED))
                            .as("member %d", id).isEqualTo(4);
                    assertThat(nodes.get(id).rejectedMessages()).isEqualTo(4);
                }
            });
            // The rogue gets no answer, and the cluster serves real clients as before.
            try (RaftClient<String, Integer> client = client().build()) {
                assertThat(client.submit("fine").join()).isEqualTo(1);
            }
            for (ZMQ.Socket rogue : rogues) {
                assertThat(rogue.recv(ZMQ.DONTWAIT)).isNull();
            }
        }
        awaitAllApplied(List.of("fine"));
        assertThat(nodes.values()).allMatch(RaftNode::isRunning);
    }

    /** Loses the first OK reply to every command, as a lossy network would, so the client must retry each. */
    static final class DropFirstReply implements ClientTransport {
        final AtomicInteger dropped = new AtomicInteger();
        private final ClientTransport inner;
        private final Set<Long> answered = ConcurrentHashMap.newKeySet();

        DropFirstReply(ClientTransport inner) {
            this.inner = inner;
        }

        @Override
        public void start(ClusterConfig config, ClientInbox inbox) {
            inner.start(config, (from, frame) -> {
                ClientResponse r = ClientFrames.decodeResponse(frame.duplicate());
                if (r.status() == ClientStatus.OK && answered.add(r.sequence())) {
                    dropped.incrementAndGet();
                    return;
                }
                inbox.deliver(from, frame);
            });
        }

        @Override
        public void send(int memberId, byte[] frame) {
            inner.send(memberId, frame);
        }

        @Override
        public void close() {
            inner.close();
        }
    }
}
