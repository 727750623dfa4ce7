package io.graft.core.storage.file;

import static io.graft.core.storage.file.LogFixtures.concat;
import static io.graft.core.storage.file.LogFixtures.entries;
import static io.graft.core.storage.file.LogFixtures.entry;
import static io.graft.core.storage.file.LogFixtures.openLoaded;
import static io.graft.core.storage.file.LogFixtures.options;
import static io.graft.core.storage.file.LogFixtures.recordSize;
import static io.graft.core.storage.file.LogFixtures.reload;
import static io.graft.core.storage.file.LogFixtures.segmentFiles;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.graft.api.CorruptLogException;
import io.graft.api.StorageException;
import io.graft.core.storage.HardState;
import io.graft.core.storage.LogEntry;
import io.graft.core.storage.StoredState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileLogStorageTest {
    @TempDir
    Path dir;

    @Test
    void newDirectoryLoadsEmpty() {
        try (FileLogStorage storage = FileLogStorage.open(dir.resolve("fresh"), options(1 << 20))) {
            StoredState state = storage.load();
            assertThat(state.hardState()).isEqualTo(HardState.BLANK);
            assertThat(state.entries()).isEmpty();
            assertThat(storage.firstIndex()).isEqualTo(1);
            assertThat(storage.lastIndex()).isZero();
        }
    }

    @Test
    void roundTripsEntriesAndHardStateWithFsync() {
        FileLogOptions options = FileLogOptions.of(LogFixtures.CLUSTER, 1);
        List<LogEntry> written = new ArrayList<>(entries(1, 3, 1));
        written.add(LogEntry.noop(4, 2));
        written.add(LogEntry.command(5, 2, new byte[0]));
        try (FileLogStorage storage = openLoaded(dir, options)) {
            storage.saveHardState(new HardState(2, 3));
            storage.append(written);
            storage.sync();
            assertThat(storage.lastIndex()).isEqualTo(5);
        }
        StoredState state = reload(dir, options);
        assertThat(state.hardState()).isEqualTo(new HardState(2, 3));
        assertThat(state.entries()).containsExactlyElementsOf(written);
    }

    @Test
    void manySyncedAppendsSurviveReopen() {
        FileLogOptions options = FileLogOptions.of(LogFixtures.CLUSTER, 1).withSegmentSizeBytes(4096);
        List<LogEntry> written = new ArrayList<>();
        try (FileLogStorage storage = openLoaded(dir, options)) {
            for (int batch = 0; batch < 100; batch++) {
                List<LogEntry> entries = entries(batch * 5L + 1, batch * 5L + 5, 1 + batch / 10);
                storage.append(entries);
                storage.saveHardState(new HardState(1 + batch / 10, 1));
                storage.sync();
                written.addAll(entries);
            }
        }
        StoredState state = reload(dir, options);
        assertThat(state.entries()).containsExactlyElementsOf(written);
        assertThat(state.hardState()).isEqualTo(new HardState(10, 1));
    }

    @Test
    void segmentsRollAtTheConfiguredSizeAndAreNamedByFirstIndex() throws Exception {
        int perSegment = 3;
        FileLogOptions options = options((long) recordSize(10, 1) * perSegment);
        List<LogEntry> written = entries(1, 20, 1);
        try (FileLogStorage storage = openLoaded(dir, options)) {
            storage.append(written.subList(0, 7));
            storage.append(written.subList(7, 20));
            storage.sync();
        }
        List<Path> files = segmentFiles(dir);
        assertThat(files).extracting(p -> p.getFileName().toString()).containsExactly(
                "log-00000000000000000001.seg", "log-00000000000000000004.seg", "log-00000000000000000007.seg",
                "log-00000000000000000010.seg", "log-00000000000000000013.seg", "log-00000000000000000016.seg",
                "log-00000000000000000019.seg");
        for (Path file : files.subList(0, files.size() - 1)) {
            assertThat(Files.size(file)).isLessThanOrEqualTo(options.segmentSizeBytes());
        }
        assertThat(reload(dir, options).entries()).containsExactlyElementsOf(written);
    }

    @Test
    void anEntryLargerThanASegmentGetsASegmentOfItsOwn() throws Exception {
        FileLogOptions options = options(100);
        List<LogEntry> written = List.of(entry(1, 1), LogEntry.command(2, 1, new byte[500]), entry(3, 1));
        LogFixtures.write(dir, options, written);
        assertThat(segmentFiles(dir)).hasSize(3);
        assertThat(reload(dir, options).entries()).containsExactlyElementsOf(written);
    }

    @Test
    void conflictTruncationWithinASegmentSurvivesReopen() {
        FileLogOptions options = options(1 << 20);
        try (FileLogStorage storage = openLoaded(dir, options)) {
            storage.append(entries(1, 10, 1));
            storage.sync();
            storage.append(entries(6, 8, 2));
            storage.sync();
            assertThat(storage.lastIndex()).isEqualTo(8);
        }
        assertThat(reload(dir, options).entries()).containsExactlyElementsOf(concat(entries(1, 5, 1), entries(6, 8, 2)));
    }

    @Test
    void conflictTruncationAcrossSegmentsDeletesLaterSegmentsAndSurvivesReopen() throws Exception {
        FileLogOptions options = options((long) recordSize(10, 1) * 3);
        try (FileLogStorage storage = openLoaded(dir, options)) {
            storage.append(entries(1, 30, 1));
            storage.sync();
            storage.append(entries(8, 9, 2));
            storage.sync();
            assertThat(storage.lastIndex()).isEqualTo(9);
            storage.append(entries(10, 12, 2));
            storage.sync();
        }
        assertThat(segmentFiles(dir)).extracting(p -> p.getFileName().toString()).containsExactly(
                "log-00000000000000000001.seg", "log-00000000000000000004.seg", "log-00000000000000000007.seg",
                "log-00000000000000000010.seg");
        assertThat(reload(dir, options).entries())
                .containsExactlyElementsOf(concat(entries(1, 7, 1), entries(8, 12, 2)));
    }

    @Test
    void conflictTruncationAtASegmentStartAndAtTheFirstIndex() {
        FileLogOptions options = options((long) recordSize(10, 1) * 3);
        try (FileLogStorage storage = openLoaded(dir, options)) {
            storage.append(entries(1, 9, 1));
            storage.append(entries(4, 5, 2));
            storage.sync();
        }
        assertThat(reload(dir, options).entries()).containsExactlyElementsOf(concat(entries(1, 3, 1), entries(4, 5, 2)));
        try (FileLogStorage storage = openLoaded(dir, options)) {
            storage.append(entries(1, 2, 3));
            storage.sync();
        }
        assertThat(reload(dir, options).entries()).containsExactlyElementsOf(entries(1, 2, 3));
    }

    @Test
    void rejectsMisuse() {
        FileLogStorage storage = FileLogStorage.open(dir, options(1 << 20));
        try (storage) {
            assertThatThrownBy(() -> storage.append(entries(1, 1, 1))).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("load()");
            storage.load();
            assertThatThrownBy(storage::load).isInstanceOf(IllegalStateException.class);
            assertThatThrownBy(() -> storage.append(List.of())).isInstanceOf(IllegalArgumentException.class);
            storage.append(entries(1, 3, 1));
            assertThatThrownBy(() -> storage.append(entries(5, 6, 1))).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("gap");
            assertThatThrownBy(() -> storage.append(List.of(entry(4, 1), entry(6, 1))))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not consecutive");
            // misuse is not an I/O failure: the storage keeps working
            storage.append(entries(4, 4, 1));
            assertThat(storage.lastIndex()).isEqualTo(4);
        }
        assertThatThrownBy(() -> storage.append(entries(5, 5, 1))).isInstanceOf(StorageException.class)
                .hasMessageContaining("closed");
    }

    @Test
    void aNewLogMayStartAboveOne() {
        FileLogOptions options = options(1 << 20);
        LogFixtures.write(dir, options, entries(50, 52, 4));
        try (FileLogStorage storage = openLoaded(dir, options)) {
            assertThat(storage.firstIndex()).isEqualTo(50);
            assertThat(storage.lastIndex()).isEqualTo(52);
            assertThatThrownBy(() -> storage.append(entries(49, 49, 4))).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("starts at 50");
        }
    }

    @Test
    void compactPrefixDeletesWholeSegmentsAndTheLogReopensFromItsNewFirstIndex() throws Exception {
        FileLogOptions options = options((long) recordSize(10, 1) * 3);
        try (FileLogStorage storage = openLoaded(dir, options)) {
            storage.append(entries(1, 20, 1));
            storage.sync();
            storage.compactPrefix(11);
            assertThat(storage.firstIndex()).isEqualTo(10);
            assertThat(segmentFiles(dir).get(0).getFileName().toString()).isEqualTo("log-00000000000000000010.seg");
        }
        try (FileLogStorage storage = FileLogStorage.open(dir, options)) {
            StoredState state = storage.load();
            assertThat(state.entries()).containsExactlyElementsOf(entries(10, 20, 1));
            storage.append(entries(21, 22, 1));
            storage.compactPrefix(1000);
            assertThat(segmentFiles(dir)).hasSize(1);
            assertThat(storage.firstIndex()).isEqualTo(22);
            storage.append(entries(23, 23, 1));
            storage.sync();
        }
        assertThat(reload(dir, options).entries()).containsExactlyElementsOf(entries(22, 23, 1));
    }

    @Test
    void hardStateIsWrittenBeforeTheNextLogWrite() throws Exception {
        try (FileLogStorage storage = openLoaded(dir, options(1 << 20))) {
            storage.saveHardState(new HardState(7, 2));
            assertThat(new HardStateFile(dir).read()).isEqualTo(HardState.BLANK);
            storage.append(entries(1, 1, 7));
            assertThat(new HardStateFile(dir).read()).isEqualTo(new HardState(7, 2));
        }
    }

    @Test
    void aLeftoverTemporaryHardStateFileIsIgnoredAndRemoved() throws Exception {
        FileLogOptions options = options(1 << 20);
        try (FileLogStorage storage = openLoaded(dir, options)) {
            storage.saveHardState(new HardState(3, 1));
            storage.sync();
        }
        Files.write(dir.resolve(HardStateFile.TEMP_NAME), new byte[] {1, 2, 3});
        assertThat(reload(dir, options).hardState()).isEqualTo(new HardState(3, 1));
        assertThat(dir.resolve(HardStateFile.TEMP_NAME)).doesNotExist();
    }

    @Test
    void aDamagedHardStateFileIsCorruption() throws Exception {
        FileLogOptions options = options(1 << 20);
        try (FileLogStorage storage = openLoaded(dir, options)) {
            storage.saveHardState(new HardState(3, 1));
            storage.sync();
        }
        Path file = dir.resolve(HardStateFile.NAME);
        byte[] bytes = Files.readAllBytes(file);
        bytes[8] ^= 1;
        Files.write(file, bytes);
        assertThatThrownBy(() -> reload(dir, options)).isInstanceOf(CorruptLogException.class)
                .hasMessageContaining(file.toString()).hasMessageContaining("checksum");
    }
}
