package io.graft.core.storage.file;

import static io.graft.core.storage.file.LogFixtures.entries;
import static io.graft.core.storage.file.LogFixtures.options;
import static io.graft.core.storage.file.LogFixtures.reload;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.graft.api.CorruptLogException;
import io.graft.api.StorageException;
import io.graft.core.storage.HardState;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A data directory that lost a file which says who the member is or what it promised is refused with a message
 * naming the file, and whether a member is still catching up after starting blank survives a restart.
 */
class DamagedDirectoryTest {
    private static final FileLogOptions OPTIONS = options(1 << 20);

    @TempDir
    Path dir;

    private void writeLog(HardState hardState, long lastIndex, long term) {
        try (FileLogStorage storage = FileLogStorage.open(dir, OPTIONS)) {
            storage.load();
            storage.saveHardState(hardState);
            storage.append(entries(1, lastIndex, term));
            storage.sync();
        }
    }

    @Test
    void aDeletedHardStateNextToALogIsRefusedInsteadOfStartingAtTermZero() throws Exception {
        writeLog(new HardState(7, 3), 5, 6);
        Files.delete(dir.resolve(HardStateFile.NAME));

        assertThatThrownBy(() -> reload(dir, OPTIONS)).isInstanceOf(CorruptLogException.class)
                .hasMessageContaining(dir.resolve(HardStateFile.NAME).toString())
                .hasMessageContaining("is missing").hasMessageContaining("index 5 of term 6")
                .hasMessageContaining("vote twice").hasMessageContaining("Rebuilding a member");
    }

    @Test
    void aHardStateOlderThanTheLogIsRefused() throws Exception {
        writeLog(new HardState(7, 3), 5, 6);
        Path other = dir.resolveSibling(dir.getFileName() + "-other");
        Files.createDirectories(other);
        new HardStateFile(other).write(new HardState(2, 1), false);
        Files.copy(other.resolve(HardStateFile.NAME), dir.resolve(HardStateFile.NAME),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);

        assertThatThrownBy(() -> reload(dir, OPTIONS)).isInstanceOf(CorruptLogException.class)
                .hasMessageContaining("records term 2, below the term 6 of the last log entry");
    }

    @Test
    void aDeletedMetaNextToAHardStateOrSnapshotsIsRefused() throws Exception {
        writeLog(new HardState(7, 3), 5, 6);
        Files.delete(dir.resolve(DataDirectoryIdentity.NAME));
        assertThatThrownBy(() -> FileLogStorage.open(dir, OPTIONS)).isInstanceOf(StorageException.class)
                .hasMessageContaining("no 'meta' file");

        Path snapshotsOnly = dir.resolveSibling(dir.getFileName() + "-snapshots");
        Files.createDirectories(snapshotsOnly.resolve("snapshots"));
        Files.writeString(snapshotsOnly.resolve("snapshots").resolve("snapshot-00000000000000000010"), "x");
        assertThatThrownBy(() -> FileLogStorage.open(snapshotsOnly, OPTIONS)).isInstanceOf(StorageException.class)
                .hasMessageContaining("no 'meta' file");
    }

    @Test
    void aNewDirectoryIsBlankAndTheCatchingUpFlagSurvivesARestart() {
        assertThat(reload(dir, OPTIONS).hardState()).isEqualTo(HardState.BLANK);

        writeLog(new HardState(4, 2, true), 3, 4);
        assertThat(reload(dir, OPTIONS).hardState()).isEqualTo(new HardState(4, 2, true));

        try (FileLogStorage storage = FileLogStorage.open(dir, OPTIONS)) {
            storage.load();
            storage.saveHardState(new HardState(4, 2, false));
            storage.sync();
        }
        assertThat(reload(dir, OPTIONS).hardState()).isEqualTo(new HardState(4, 2, false));
    }

    @Test
    void aHardStateFileOfTheEarlierFormatReadsAsAMemberThatIsNotCatchingUp() throws Exception {
        writeLog(new HardState(9, 1), 2, 9);
        ByteBuffer old = ByteBuffer.allocate(20).putInt(0x47524853).putLong(9).putInt(1);
        CRC32C crc = new CRC32C();
        crc.update(old.array(), 0, 16);
        old.putInt((int) crc.getValue());
        Files.write(dir.resolve(HardStateFile.NAME), old.array());

        assertThat(reload(dir, OPTIONS).hardState()).isEqualTo(new HardState(9, 1, false));
    }
}
