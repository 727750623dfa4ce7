package io.graft.core.storage.file;

import static io.graft.core.storage.file.LogFixtures.concat;
import static io.graft.core.storage.file.LogFixtures.entries;
import static io.graft.core.storage.file.LogFixtures.openLoaded;
import static io.graft.core.storage.file.LogFixtures.recordSize;
import static io.graft.core.storage.file.LogFixtures.reload;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * With fsync on, the active segment is filled with zeros ahead of its records so that most syncs do not change
 * the file's length; the zeros never outlive a clean close or a sealed segment, and a crash leaves only zeros
 * that loading cuts.
 */
class PreallocationTest {
    private static final FileLogOptions FSYNC = LogFixtures.options(64L << 20).withFsync(true);

    @TempDir
    Path root;

    @Test
    void theActiveSegmentRunsAheadOfItsRecordsWhileOpenAndEndsAtItsLastRecordAfterClose() throws IOException {
        Path dir = root.resolve("log");
        Path segment = dir.resolve(Segment.fileName(1));
        long records = totalRecordSize(1, 100, 1);
        try (FileLogStorage storage = openLoaded(dir, FSYNC)) {
            storage.append(entries(1, 100, 1));
            storage.sync();
            assertThat(Files.size(segment)).isEqualTo(FileLogStorage.PREALLOCATE_BYTES);
        }
        assertThat(Files.size(segment)).isEqualTo(records);
        assertThat(reload(dir, FSYNC).entries()).containsExactlyElementsOf(entries(1, 100, 1));
    }

    @Test
    void aProcessThatStopsWithoutClosingLeavesZerosThatLoadingCutsKeepingEveryRecord() throws IOException {
        Path dir = root.resolve("log");
        Path crashed = root.resolve("crashed");
        try (FileLogStorage storage = openLoaded(dir, FSYNC)) {
            storage.append(entries(1, 100, 1));
            storage.sync();
            copyWithoutLock(dir, crashed); // the files as a crash right now would leave them
        }
        Path segment = crashed.resolve(Segment.fileName(1));
        assertThat(Files.size(segment)).isEqualTo(FileLogStorage.PREALLOCATE_BYTES);

        try (FileLogStorage storage = openLoaded(crashed, FSYNC)) {
            assertThat(storage.lastIndex()).isEqualTo(100);
            assertThat(Files.size(segment)).isEqualTo(totalRecordSize(1, 100, 1));
            storage.append(entries(101, 120, 2));
            storage.sync();
        }
        assertThat(reload(crashed, FSYNC).entries())
                .containsExactlyElementsOf(concat(entries(1, 100, 1), entries(101, 120, 2)));
    }

    @Test
    void sealedSegmentsEndAtTheirLastRecord() throws IOException {
        FileLogOptions smallSegments = LogFixtures.options(recordSize(1, 1) * 10L).withFsync(true);
        Path dir = root.resolve("log");
        try (FileLogStorage storage = openLoaded(dir, smallSegments)) {
            storage.append(entries(1, 35, 1));
            storage.sync();
            List<Path> files = LogFixtures.segmentFiles(dir);
            assertThat(files).hasSize(4);
            for (int i = 0; i < 3; i++) {
                Path sealed = files.get(i);
                long first = Segment.parseFirstIndex(sealed.getFileName().toString());
                long next = Segment.parseFirstIndex(files.get(i + 1).getFileName().toString());
                assertThat(Files.size(sealed)).as("%s", sealed.getFileName())
                        .isEqualTo(totalRecordSize(first, next - 1, 1));
            }
        }
        assertThat(reload(dir, smallSegments).entries()).containsExactlyElementsOf(entries(1, 35, 1));
    }

    @Test
    void withoutFsyncNothingIsWrittenAhead() throws IOException {
        FileLogOptions noSync = FSYNC.withFsync(false);
        Path dir = root.resolve("log");
        try (FileLogStorage storage = openLoaded(dir, noSync)) {
            storage.append(entries(1, 100, 1));
            storage.sync();
            assertThat(Files.size(dir.resolve(Segment.fileName(1)))).isEqualTo(totalRecordSize(1, 100, 1));
        }
    }

    private static long totalRecordSize(long from, long to, long term) {
        long total = 0;
        for (long i = from; i <= to; i++) {
            total += recordSize(i, term);
        }
        return total;
    }

    private static void copyWithoutLock(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        try (Stream<Path> files = Files.list(from)) {
            for (Path f : files.toList()) {
                if (!f.getFileName().toString().equals("graft.lock")) {
                    Files.copy(f, to.resolve(f.getFileName()), StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }
}
