package io.graft.core.storage.file;

import static io.graft.core.storage.file.LogFixtures.entries;
import static io.graft.core.storage.file.LogFixtures.openLoaded;
import static io.graft.core.storage.file.LogFixtures.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.graft.api.StorageException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A data directory serves one open storage of one member at a time. */
class DataDirectoryTest {
    @TempDir
    Path dir;

    @Test
    void aSecondOpenInTheSameJvmFailsClearlyAndLeavesTheFirstWorking() {
        FileLogOptions options = options(1 << 20);
        try (FileLogStorage first = openLoaded(dir, options)) {
            assertThatThrownBy(() -> FileLogStorage.open(dir, options)).isInstanceOf(StorageException.class)
                    .hasMessageContaining(dir.toString()).hasMessageContaining("already open in this JVM");
            assertThatThrownBy(() -> FileLogStorage.open(dir.resolve("."), options))
                    .isInstanceOf(StorageException.class);
            first.append(entries(1, 2, 1));
            first.sync();
        }
        try (FileLogStorage again = openLoaded(dir, options)) {
            assertThat(again.lastIndex()).isEqualTo(2);
        }
    }

    @Test
    void anOpenWhileAnotherProcessHoldsTheDirectoryFailsClearly() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                LockHolderMain.class.getName(), dir.toString()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
            String line = CompletableFuture.supplyAsync(() -> readUntilLocked(out)).get(60, TimeUnit.SECONDS);
            assertThat(line).as("child output (it also logs)").isEqualTo("LOCKED");

            assertThatThrownBy(() -> FileLogStorage.open(dir, options(1 << 20))).isInstanceOf(StorageException.class)
                    .hasMessageContaining(dir.toString()).hasMessageContaining("locked by another process")
                    .hasMessageContaining("pid " + child.pid());
        } finally {
            child.getOutputStream().close();
            assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(child.exitValue()).isZero();
        try (FileLogStorage storage = openLoaded(dir, options(1 << 20))) {
            assertThat(storage.lastIndex()).isZero();
        }
    }

    @Test
    void aDirectoryOfAnotherMemberOrClusterIsRefused() {
        FileLogOptions member1 = FileLogOptions.of("alpha", 1).withFsync(false);
        try (FileLogStorage storage = openLoaded(dir, member1)) {
            storage.append(entries(1, 1, 1));
            storage.sync();
        }
        assertThatThrownBy(() -> FileLogStorage.open(dir, FileLogOptions.of("alpha", 2)))
                .isInstanceOf(StorageException.class).hasMessageContaining(dir.toString())
                .hasMessageContaining("belongs to member 1 of cluster 'alpha'").hasMessageContaining("member 2");
        assertThatThrownBy(() -> FileLogStorage.open(dir, FileLogOptions.of("beta", 1)))
                .isInstanceOf(StorageException.class).hasMessageContaining("this node is member 1 of cluster 'beta'");
        // the refusals released the lock: the right member still opens
        try (FileLogStorage storage = openLoaded(dir, member1)) {
            assertThat(storage.lastIndex()).isEqualTo(1);
        }
    }

    @Test
    void logFilesWithoutAMetaFileAreRefused() throws Exception {
        FileLogOptions options = options(1 << 20);
        LogFixtures.write(dir, options, entries(1, 1, 1));
        Files.delete(dir.resolve(DataDirectoryIdentity.NAME));
        assertThatThrownBy(() -> FileLogStorage.open(dir, options)).isInstanceOf(StorageException.class)
                .hasMessageContaining("no 'meta' file");
    }

    @Test
    void optionsAreValidated() {
        assertThatThrownBy(() -> FileLogOptions.of(" ", 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> FileLogOptions.of("c", 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> FileLogOptions.of("c", 1).withSegmentSizeBytes(0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(FileLogOptions.of("c", 1)).isEqualTo(
                new FileLogOptions("c", 1, FileLogOptions.DEFAULT_SEGMENT_SIZE_BYTES, true));
    }

    /** Skips the child's log lines; returns {@code LOCKED}, or {@code null} if the child ended first. */
    private static String readUntilLocked(BufferedReader reader) {
        try {
            String line;
            do {
                line = reader.readLine();
            } while (line != null && !line.equals("LOCKED"));
            return line;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
