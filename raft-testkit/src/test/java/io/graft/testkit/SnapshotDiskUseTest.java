package io.graft.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.graft.api.RaftNode;
import io.graft.api.SnapshotWriter;
import io.graft.api.StateMachine;
import io.graft.core.storage.file.FileLogOptions;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A long run with frequent snapshots keeps each member's data directory small: the log before a snapshot goes. */
class SnapshotDiskUseTest {

    /** State of constant size: a count and the last word, so snapshots stay small however long the run. */
    static final class LastWord implements StateMachine<String, Integer> {
        private int count;
        private String last = "";

        @Override
        public synchronized Integer apply(long index, String command) {
            last = command;
            return ++count;
        }

        @Override
        public synchronized SnapshotWriter snapshot() {
            int c = count;
            String l = last;
            return out -> {
                DataOutputStream d = new DataOutputStream(out);
                d.writeInt(c);
                d.writeUTF(l);
                d.flush();
            };
        }

        @Override
        public synchronized void restore(InputStream in) throws IOException {
            DataInputStream d = new DataInputStream(in);
            count = d.readInt();
            last = d.readUTF();
        }

        synchronized int count() {
            return count;
        }
    }

    /** The bytes under {@code dir}; files deleted by compaction while we look count as gone. */
    private static long size(Path dir) throws IOException {
        long total = 0;
        try (Stream<Path> level = Files.list(dir)) {
            for (Path p : (Iterable<Path>) level::iterator) {
                // File.length() is 0 for a file that vanished meanwhile; no exception.
                total += Files.isDirectory(p) ? size(p) : p.toFile().length();
            }
        } catch (java.nio.file.NoSuchFileException e) {
            return total;
        }
        return total;
    }

    @Test
    void manySnapshotsKeepTheDataDirectoriesBounded(@TempDir Path root) throws Exception {
        long segment = 64 * 1024;
        try (TestCluster<String, Integer> cluster = TestCluster.<String, Integer>builder(Words.CODEC, id -> new LastWord())
                .nodes(3).electionTimeout(Duration.ofMillis(500)).heartbeatInterval(Duration.ofMillis(50))
                .snapshotEvery(500)
                .fileStorage(root, id -> FileLogOptions.of(TestCluster.FILE_CLUSTER_ID, id).withFsync(false)
                        .withSegmentSizeBytes(segment))
                .start()) {
            RaftNode<String, Integer> leader = cluster.awaitLeader();
            String word = "w".repeat(100);
            // Snapshots run in the background, so a burst may briefly outrun them; once they catch up, each
            // member keeps a few segments and two small snapshots however much was written before.
            long bound = 16 * segment;
            int total = 0;
            for (int round = 0; round < 40; round++) {
                List<CompletableFuture<Integer>> fs = new ArrayList<>();
                for (int i = 0; i < 1000; i++) {
                    fs.add(leader.submit(word));
                }
                fs.forEach(CompletableFuture::join);
                total += 1000;
                org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> {
                    for (int id : cluster.memberIds()) {
                        if (size(root.resolve("member-" + id)) > bound) {
                            return false;
                        }
                    }
                    return true;
                });
            }
            cluster.awaitConvergence();
            long written = total * (word.length() + 30L);
            assertThat(written).isGreaterThan(4 * bound); // The log written is several times the bound.
            for (int id : cluster.memberIds()) {
                assertThat(((LastWord) cluster.stateMachine(id)).count()).isEqualTo(total);
            }
        }
    }
}
