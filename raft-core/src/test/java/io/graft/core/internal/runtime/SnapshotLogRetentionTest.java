package io.graft.core.internal.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.graft.api.Codec;
import io.graft.api.RaftNode;
import io.graft.api.SnapshotWriter;
import io.graft.api.StateMachine;
import io.graft.api.config.ClusterConfig;
import io.graft.core.Graft;
import io.graft.core.storage.LogEntry;
import io.graft.core.storage.MemoryLogStorage;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * A member keeps exactly {@code snapshotLogRetention} of the entries below each snapshot it takes (by default
 * 1,024), not none as the documentation used to say.
 */
class SnapshotLogRetentionTest {
    private static final Codec<String> UTF8 = new Codec<>() {
        @Override
        public byte[] encode(String value) {
            return value.getBytes(StandardCharsets.UTF_8);
        }

        @Override
        public String decode(byte[] bytes) {
            return new String(bytes, StandardCharsets.UTF_8);
        }
    };

    /** Counts commands; its snapshot is the count. */
    private static final class Counter implements StateMachine<String, Long> {
        private long count;

        @Override
        public Long apply(long index, String command) {
            return ++count;
        }

        @Override
        public SnapshotWriter snapshot() {
            long captured = count;
            return out -> new DataOutputStream(out).writeLong(captured);
        }

        @Override
        public void restore(InputStream in) throws IOException {
            count = new DataInputStream(in).readLong();
        }
    }

    @Test
    void theConfiguredNumberOfEntriesStaysBelowASnapshot() {
        List<LogEntry> log = logAfterSnapshot(ClusterConfig.builder().snapshotLogRetention(10));
        assertThat(log).hasSize(10);
        assertThat(log.get(log.size() - 1).index()).isEqualTo(SNAPSHOT_INDEX);
    }

    @Test
    void noneStaysWithZero() {
        assertThat(logAfterSnapshot(ClusterConfig.builder().snapshotLogRetention(0))).isEmpty();
    }

    @Test
    void theDefaultKeepsUpTo1024() {
        assertThat(ClusterConfig.builder().member(1, "a", 1).build().snapshotLogRetention()).isEqualTo(1024);
        // Fewer entries than that in the whole log: the snapshot deletes none of them.
        List<LogEntry> log = logAfterSnapshot(ClusterConfig.builder());
        assertThat(log).hasSize((int) SNAPSHOT_INDEX);
        assertThat(log.get(0).index()).isEqualTo(1);
    }

    /** The leader's no-op, then 50 commands. */
    private static final long SNAPSHOT_INDEX = 51;

    /** What the log of a one-member cluster holds once a snapshot of 51 entries has been taken and compacted. */
    private static List<LogEntry> logAfterSnapshot(ClusterConfig.Builder config) {
        ClusterConfig cluster = config.member(1, "a", 1).electionTimeout(Duration.ofMillis(100)).build();
        MemoryLogStorage storage = new MemoryLogStorage();
        DirectNetwork net = new DirectNetwork();
        try (RaftNode<String, Long> node = Graft.node(cluster, 1, new Counter(), UTF8).transport(net.transport(1))
                .storage(storage).start()) {
            await().atMost(Duration.ofSeconds(10)).until(() -> node.status().isLeader());
            CompletableFuture.allOf(IntStream.range(0, 50).mapToObj(i -> node.submit("c" + i))
                    .toArray(CompletableFuture[]::new)).join();
            assertThat(node.takeSnapshot().join()).isEqualTo(SNAPSHOT_INDEX);
            // The log is compacted on the event loop once the snapshot is durable; nothing else changes it here.
            long expectedFirst = Math.max(1, SNAPSHOT_INDEX - cluster.snapshotLogRetention() + 1);
            await().atMost(Duration.ofSeconds(10)).until(() -> {
                List<LogEntry> entries = storage.load().entries();
                return entries.isEmpty() ? expectedFirst > SNAPSHOT_INDEX : entries.get(0).index() == expectedFirst;
            });
            return storage.load().entries();
        }
    }
}
