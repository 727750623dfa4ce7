package io.graft.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.graft.api.CorruptLogException;
import io.graft.api.RaftNode;
import io.graft.api.StorageException;
import io.graft.core.storage.EntryType;
import io.graft.core.storage.LogEntry;
import io.graft.core.storage.StoredState;
import io.graft.core.storage.file.FileLogOptions;
import io.graft.core.storage.file.FileLogStorage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The test kit's file storage: one locked directory per member, released by a crash, re-read at restart. */
class FileStorageClusterTest {
    @TempDir
    Path root;

    private TestCluster<String, Integer> start() {
        return StorageKind.FILE.configure(Words.cluster().nodes(3), root).start();
    }

    private static FileLogOptions options(int id) {
        return FileLogOptions.of(TestCluster.FILE_CLUSTER_ID, id).withSegmentSizeBytes(StorageKind.SMALL_SEGMENT_BYTES);
    }

    @Test
    void aCrashReleasesTheDirectoryAndTheRestartReadsWhatIsOnDisk() {
        try (TestCluster<String, Integer> cluster = start()) {
            List<String> acknowledged = SafeWrites.words(cluster, "w", 100);
            cluster.awaitConvergence();
            int follower = cluster.othersThan(cluster.awaitLeader().id()).iterator().next();
            Path dir = cluster.dataDirectory(follower).orElseThrow();
            assertThat(dir).isEqualTo(root.resolve("member-" + follower));

            assertThatThrownBy(() -> FileLogStorage.open(dir, options(follower)))
                    .as("a running member holds its directory").isInstanceOf(StorageException.class)
                    .hasMessageContaining("already open");

            long appliedBefore = cluster.node(follower).status().appliedIndex();
            cluster.crash(follower);
            long lastOnDisk;
            try (FileLogStorage log = FileLogStorage.open(dir, options(follower))) {
                StoredState stored = log.load();
                lastOnDisk = log.lastIndex();
                assertThat(stored.entries()).extracting(LogEntry::index)
                        .containsExactlyElementsOf(LongStream.rangeClosed(1, lastOnDisk).boxed().collect(Collectors.toList()));
                // A member applies only what it has synced, so everything acknowledged is on its disk.
                assertThat(lastOnDisk).isGreaterThanOrEqualTo(appliedBefore);
                assertThat(commands(stored.entries())).doesNotHaveDuplicates().containsSubsequence(acknowledged);
                assertThat(stored.hardState().term()).isPositive();
            }

            cluster.isolate(follower); // Hears nothing: its state right after the restart is what it loaded.
            RaftNode<String, Integer> restarted = cluster.restart(follower);
            assertThat(restarted.status().lastLogIndex()).isEqualTo(lastOnDisk);
            cluster.reconnect(follower);
            String after = SafeWrites.oneAcknowledged(cluster, "after");
            cluster.awaitConvergence();
            assertThat(cluster.appliedCommands(follower)).containsSubsequence(acknowledged).contains(after);
        }
    }

    @Test
    void aLogThatFailsToLoadKeepsTheMemberDownWithoutHoldingItsDirectory() throws IOException {
        try (TestCluster<String, Integer> cluster = start()) {
            List<String> acknowledged = SafeWrites.words(cluster, "w", 200);
            cluster.awaitConvergence();
            int follower = cluster.othersThan(cluster.awaitLeader().id()).iterator().next();
            cluster.crash(follower);
            Path dir = cluster.dataDirectory(follower).orElseThrow();
            List<Path> segments = segments(dir);
            assertThat(segments).as("segments of %s", dir).hasSizeGreaterThan(2);

            // Damage a sealed segment: no crash can explain that, so loading must refuse.
            Path sealed = segments.get(0);
            byte[] original = Files.readAllBytes(sealed);
            byte[] damaged = original.clone();
            damaged[damaged.length / 2] ^= 0x5a;
            Files.write(sealed, damaged);
            assertThatThrownBy(() -> cluster.restart(follower)).isInstanceOf(CorruptLogException.class)
                    .hasMessageContaining(sealed.getFileName().toString());
            assertThat(cluster.isRunning(follower)).isFalse();

            // Repaired, it starts: the failed start released the directory lock.
            Files.write(sealed, original);
            cluster.restart(follower);
            String after = SafeWrites.oneAcknowledged(cluster, "after");
            cluster.awaitConvergence();
            assertThat(cluster.appliedCommands(follower)).containsSubsequence(acknowledged).contains(after);
        }
    }

    @Test
    void theMemoryDefaultHasNoDataDirectories() {
        try (TestCluster<String, Integer> cluster = Words.cluster().nodes(3).start()) {
            assertThat(cluster.dataDirectory(1)).isEmpty();
            assertThatThrownBy(() -> cluster.dataDirectory(4)).isInstanceOf(IllegalArgumentException.class);
        }
        assertThat(root).isEmptyDirectory();
    }

    private static List<String> commands(List<LogEntry> entries) {
        return entries.stream().filter(e -> e.type() == EntryType.COMMAND).map(e -> Words.CODEC.decode(e.payload()))
                .collect(Collectors.toList());
    }

    private static List<Path> segments(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".seg")).sorted().collect(Collectors.toList());
        }
    }
}
