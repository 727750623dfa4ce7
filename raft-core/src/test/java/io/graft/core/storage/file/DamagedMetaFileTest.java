package io.graft.core.storage.file;

import static io.graft.core.storage.file.LogFixtures.entries;
import static io.graft.core.storage.file.LogFixtures.options;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.graft.api.StorageException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A damaged {@code meta} file is refused with a message that says what the file is and what to do. */
class DamagedMetaFileTest {
    @TempDir
    Path dir;

    @Test
    void aGarbageMetaFileIsExplainedNotParsedAloud() throws Exception {
        FileLogOptions options = options(1 << 20);
        LogFixtures.write(dir, options, entries(1, 1, 1));
        Path meta = dir.resolve(DataDirectoryIdentity.NAME);
        Files.writeString(meta, "\u0000\u0013garbage that is no properties file\n");

        assertThatThrownBy(() -> FileLogStorage.open(dir, options)).isInstanceOf(StorageException.class)
                .hasMessageContaining(meta.toString())
                .hasMessageContaining("identity file")
                .hasMessageContaining("is damaged")
                .hasMessageContaining("which cluster and member the directory belongs to")
                .hasMessageContaining("Restore the file from a backup")
                .hasMessageContaining("empty data directory")
                .hasMessageNotContaining("For input string");
    }

    @Test
    void aMetaFileWithoutItsClusterIdIsExplainedToo() throws Exception {
        FileLogOptions options = options(1 << 20);
        LogFixtures.write(dir, options, entries(1, 1, 1));
        Path meta = dir.resolve(DataDirectoryIdentity.NAME);
        Files.writeString(meta, "format=1\nmember-id=1\n");

        assertThatThrownBy(() -> FileLogStorage.open(dir, options)).isInstanceOf(StorageException.class)
                .hasMessageContaining(meta.toString())
                .hasMessageContaining("has no cluster-id line")
                .hasMessageContaining("Restore the file from a backup");
    }
}
