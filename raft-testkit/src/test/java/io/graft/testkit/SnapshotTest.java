package io.graft.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.graft.api.RaftNode;
import io.graft.api.SnapshotWriter;
import io.graft.api.StateMachine;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class SnapshotTest {

    /** Keeps every word; snapshots are the whole list. */
    static final class WordLog implements StateMachine<String, Integer> {
        private final List<String> words = new ArrayList<>();

        @Override
        public synchronized Integer apply(long index, String command) {
            words.add(command);
            return words.size();
        }

        @Override
        public synchronized SnapshotWriter snapshot() {
            List<String> copy = List.copyOf(words);
            return out -> {
                DataOutputStream d = new DataOutputStream(out);
                d.writeInt(copy.size());
                for (String w : copy) {
                    d.writeUTF(w);
                }
                d.flush();
            };
        }

        @Override
        public synchronized void restore(InputStream in) throws IOException {
            DataInputStream d = new DataInputStream(in);
            int n = d.readInt();
            words.clear();
            for (int i = 0; i < n; i++) {
                words.add(d.readUTF());
            }
        }

        synchronized List<String> words() {
            return List.copyOf(words);
        }
    }

    private static TestCluster<String, Integer> cluster(long snapshotEvery) {
        // Wide timeouts: these tests are about snapshots, and must not see elections on a loaded machine.
        return TestCluster.<String, Integer>builder(Words.CODEC, id -> new WordLog()).nodes(3)
                .electionTimeout(java.time.Duration.ofMillis(500)).heartbeatInterval(java.time.Duration.ofMillis(50))
                .snapshotEvery(snapshotEvery).start();
    }

    private static List<String> words(TestCluster<String, Integer> cluster, int id) {
        return ((WordLog) cluster.stateMachine(id)).words();
    }

    private static List<String> writeAll(RaftNode<String, Integer> leader, String prefix, int n) {
        List<String> written = new ArrayList<>();
        List<CompletableFuture<Integer>> fs = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            written.add(prefix + i);
            fs.add(leader.submit(prefix + i));
        }
        fs.forEach(CompletableFuture::join);
        return written;
    }

    @Test
    void wipedFollowerCatchesUpBySnapshot() {
        try (TestCluster<String, Integer> cluster = cluster(500)) {
            RaftNode<String, Integer> leader = cluster.awaitLeader();
            List<String> expected = new ArrayList<>(writeAll(leader, "a", 3000));
            int follower = cluster.othersThan(leader.id()).iterator().next();
            cluster.crash(follower);
            expected.addAll(writeAll(leader, "b", 3000));
            leader.takeSnapshot().join(); // The log the wiped follower would need is gone now.
            cluster.restartWiped(follower);
            expected.addAll(writeAll(leader, "c", 10));
            cluster.awaitConvergence();
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20))
                    .until(() -> words(cluster, follower).size() == expected.size());
            assertThat(words(cluster, follower)).isEqualTo(expected);
            // It never applied the early commands one by one: it started from the snapshot.
            assertThat(cluster.appliedCommands(follower)).hasSizeLessThan(expected.size());
        }
    }

    @Test
    void laggingFollowerCatchesUpBySnapshotAfterIsolation() {
        try (TestCluster<String, Integer> cluster = cluster(200)) {
            RaftNode<String, Integer> leader = cluster.awaitLeader();
            int follower = cluster.othersThan(leader.id()).iterator().next();
            cluster.isolate(follower);
            List<String> expected = writeAll(leader, "x", 5000);
            leader.takeSnapshot().join();
            cluster.reconnect(follower);
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20))
                    .until(() -> words(cluster, follower).size() == expected.size());
            assertThat(words(cluster, follower)).isEqualTo(expected);
        }
    }

    @Test
    void restartsFromSnapshotPlusLog() {
        try (TestCluster<String, Integer> cluster = cluster(1000)) {
            RaftNode<String, Integer> leader = cluster.awaitLeader();
            List<String> expected = new ArrayList<>(writeAll(leader, "s", 2500));
            cluster.awaitConvergence();
            for (int id : cluster.memberIds()) {
                cluster.node(id).takeSnapshot().join();
            }
            expected.addAll(writeAll(leader, "t", 700)); // In the log after the snapshot.
            cluster.awaitConvergence();
            for (int id : cluster.memberIds()) {
                cluster.crash(id);
            }
            for (int id : cluster.memberIds()) {
                cluster.restart(id);
            }
            RaftNode<String, Integer> again = cluster.awaitLeader();
            again.submit("after").join();
            expected.add("after");
            cluster.awaitConvergence();
            for (int id : cluster.memberIds()) {
                assertThat(words(cluster, id)).isEqualTo(expected);
                // Restored from the snapshot: only the log after it was applied command by command.
                assertThat(cluster.appliedCommands(id)).hasSizeLessThan(expected.size());
            }
        }
    }

    @Test
    void snapshotsUnderConcurrentWritesKeepEveryReplicaIdentical() throws Exception {
        try (TestCluster<String, Integer> cluster = cluster(300)) {
            RaftNode<String, Integer> leader = cluster.awaitLeader();
            ExecutorService clients = Executors.newFixedThreadPool(4);
            List<CompletableFuture<Integer>> futures = new java.util.concurrent.CopyOnWriteArrayList<>();
            for (int c = 0; c < 4; c++) {
                int client = c;
                clients.execute(() -> {
                    for (int i = 0; i < 2000; i++) {
                        futures.add(leader.submit("c" + client + "-" + i));
                    }
                });
            }
            for (int i = 0; i < 5; i++) {
                leader.takeSnapshot().exceptionally(e -> 0L).join();
            }
            clients.shutdown();
            assertThat(clients.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
            futures.forEach(CompletableFuture::join);
            cluster.awaitConvergence();
            List<String> reference = words(cluster, leader.id());
            assertThat(reference).hasSize(8000).doesNotHaveDuplicates();
            for (int id : cluster.memberIds()) {
                assertThat(words(cluster, id)).isEqualTo(reference);
            }
        }
    }
}
