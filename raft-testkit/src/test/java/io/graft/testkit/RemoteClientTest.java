package io.graft.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.graft.api.Codec;
import io.graft.api.CodecException;
import io.graft.api.RaftClient;
import io.graft.api.RaftNode;
import io.graft.api.RemoteCommandException;
import io.graft.api.config.ClusterConfig;
import io.graft.api.transport.ClientInbox;
import io.graft.api.transport.ClientTransport;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class RemoteClientTest {

    static final Codec<Integer> INTS = new Codec<>() {
        @Override
        public byte[] encode(Integer value) {
            if (value < 0) {
                throw new CodecException("negative results cannot be encoded (test codec)");
            }
            return ByteBuffer.allocate(4).putInt(value).array();
        }

        @Override
        public Integer decode(byte[] bytes) {
            if (bytes.length != 4) {
                throw new CodecException("an int is 4 bytes, got " + bytes.length);
            }
            return ByteBuffer.wrap(bytes).getInt();
        }
    };

    /** Drops a share of the replies from members, as a lossy network would, so the client must retry. */
    static final class LossyReplies implements ClientTransport {
        private final ClientTransport inner;
        private final Random random;
        private final double dropRate;

        LossyReplies(ClientTransport inner, long seed, double dropRate) {
            this.inner = inner;
            this.random = new Random(seed);
            this.dropRate = dropRate;
        }

        @Override
        public void start(ClusterConfig cluster, ClientInbox inbox) {
            inner.start(cluster, (from, frame) -> {
                boolean drop;
                synchronized (random) {
                    drop = random.nextDouble() < dropRate;
                }
                if (!drop) {
                    inbox.deliver(from, frame);
                }
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

    private static TestCluster<String, Integer> cluster() {
        return Words.cluster().nodes(3).resultCodec(INTS).start();
    }

    @Test
    void clientFindsTheLeaderAndGetsResults() {
        try (TestCluster<String, Integer> cluster = cluster();
             RaftClient<String, Integer> client = cluster.client().build()) {
            cluster.awaitLeader();
            assertThat(client.submit("one").join()).isEqualTo(1);
            assertThat(client.submit("two").join()).isEqualTo(2);
            cluster.awaitConvergence();
            assertThat(cluster.appliedCommands(1)).containsExactly("one", "two");
        }
    }

    @Test
    void retriesAfterLostRepliesApplyEachCommandExactlyOnce() {
        try (TestCluster<String, Integer> cluster = cluster()) {
            cluster.awaitLeader();
            ClientTransport lossy = new LossyReplies(cluster.network().clientTransport(), 11, 0.4);
            try (RaftClient<String, Integer> client = cluster.client().transport(lossy)
                    .retryAfter(Duration.ofMillis(50)).build()) {
                List<CompletableFuture<Integer>> fs = new ArrayList<>();
                for (int i = 0; i < 300; i++) {
                    fs.add(client.submit("w" + i));
                }
                List<Integer> results = fs.stream().map(CompletableFuture::join).sorted().toList();
                // Each command was applied once: the results are exactly the counts 1..300.
                assertThat(results).hasSize(300).doesNotHaveDuplicates().startsWith(1).endsWith(300);
            }
            cluster.awaitConvergence();
            assertThat(cluster.appliedCommands(1)).hasSize(300).doesNotHaveDuplicates();
        }
    }

    @Test
    void clientFollowsANewLeaderAfterACrashWithoutDuplicates() {
        try (TestCluster<String, Integer> cluster = cluster();
             RaftClient<String, Integer> client = cluster.client().retryAfter(Duration.ofMillis(100)).build()) {
            RaftNode<String, Integer> leader = cluster.awaitLeader();
            List<CompletableFuture<Integer>> fs = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                fs.add(client.submit("a" + i));
            }
            cluster.crash(leader.id());
            for (int i = 0; i < 100; i++) {
                fs.add(client.submit("b" + i));
            }
            fs.forEach(CompletableFuture::join);
            cluster.restart(leader.id());
            cluster.awaitConvergence();
            List<String> applied = cluster.appliedCommands(cluster.awaitLeader().id());
            assertThat(applied).hasSize(200).doesNotHaveDuplicates();
        }
    }

    @Test
    void aResultThatCannotBeEncodedFailsThatCommandOnly() {
        try (TestCluster<String, Integer> cluster = TestCluster.<String, Integer>builder(Words.CODEC,
                id -> (index, cmd) -> cmd.equals("negative") ? -1 : cmd.length()).resultCodec(INTS).start();
             RaftClient<String, Integer> client = cluster.client().build()) {
            cluster.awaitLeader();
            assertThat(client.submit("abc").join()).isEqualTo(3);
            assertThat(client.submit("negative")).failsWithin(Duration.ofSeconds(10))
                    .withThrowableOfType(java.util.concurrent.ExecutionException.class)
                    .withCauseInstanceOf(RemoteCommandException.class)
                    .withMessageContaining("RESULT_NOT_ENCODABLE");
            assertThat(client.submit("fine").join()).isEqualTo(4);
            cluster.awaitConvergence();
        }
    }
}
