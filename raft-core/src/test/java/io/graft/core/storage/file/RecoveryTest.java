package io.graft.core.storage.file;

import static io.graft.core.storage.file.LogFixtures.concat;
import static io.graft.core.storage.file.LogFixtures.entries;
import static io.graft.core.storage.file.LogFixtures.openLoaded;
import static io.graft.core.storage.file.LogFixtures.options;
import static io.graft.core.storage.file.LogFixtures.recordSize;
import static io.graft.core.storage.file.LogFixtures.reload;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.graft.api.CorruptLogException;
import io.graft.api.StorageException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Torn tails are cut back; anything else that is damaged is refused, naming the file and offset. */
class RecoveryTest {
    /** Three records per segment: entries 1..8 give segments 1-3, 4-6, 7-8. */
    private static final FileLogOptions OPTIONS = options((long) recordSize(1, 1) * 3);

    @TempDir
    Path root;

    @Test
    void aTailCutAtEveryByteOfTheLastRecordIsRolledBackToThePreviousRecord() throws Exception {
        long lastStart = recordSize(7, 1);
        int lastSize = recordSize(8, 1);
        for (int cut = 0; cut < lastSize; cut++) {
            Path dir = root.resolve("cut-" + cut);
            LogFixtures.write(dir, OPTIONS, entries(1, 8, 1));
            Path lastSegment = dir.resolve(Segment.fileName(7));
            truncate(lastSegment, lastStart + cut);

            try (FileLogStorage storage = FileLogStorage.open(dir, OPTIONS)) {
                assertThat(storage.load().entries()).as("cut at byte %d", cut).containsExactlyElementsOf(entries(1, 7, 1));
                assertThat(Files.size(lastSegment)).isEqualTo(lastStart);
                storage.append(entries(8, 9, 2));
                storage.sync();
            }
            assertThat(reload(dir, OPTIONS).entries()).as("cut at byte %d", cut)
                    .containsExactlyElementsOf(concat(entries(1, 7, 1), entries(8, 9, 2)));
        }
    }

    @Test
    void aLastSegmentTornBeforeItsFirstRecordIsKeptEmptyAndReused() throws Exception {
        Path dir = root.resolve("log");
        LogFixtures.write(dir, OPTIONS, entries(1, 7, 1));
        truncate(dir.resolve(Segment.fileName(7)), 5);
        try (FileLogStorage storage = openLoaded(dir, OPTIONS)) {
            assertThat(storage.lastIndex()).isEqualTo(6);
            storage.append(entries(7, 7, 2));
            storage.sync();
        }
        assertThat(reload(dir, OPTIONS).entries()).containsExactlyElementsOf(concat(entries(1, 6, 1), entries(7, 7, 2)));
    }

    @Test
    void trailingZerosAreCut() throws Exception {
        Path dir = root.resolve("log");
        LogFixtures.write(dir, OPTIONS, entries(1, 8, 1));
        Path last = dir.resolve(Segment.fileName(7));
        long size = Files.size(last);
        Files.write(last, new byte[8192], StandardOpenOption.APPEND);

        assertThat(reload(dir, OPTIONS).entries()).containsExactlyElementsOf(entries(1, 8, 1));
        assertThat(Files.size(last)).isEqualTo(size);
    }

    @Test
    void aLastRecordWhoseEndWasZeroedIsCut() throws Exception {
        Path dir = root.resolve("log");
        LogFixtures.write(dir, OPTIONS, entries(1, 8, 1));
        Path last = dir.resolve(Segment.fileName(7));
        long size = Files.size(last);
        overwrite(last, size - 6, new byte[6]);
        Files.write(last, new byte[4096], StandardOpenOption.APPEND);

        assertThat(reload(dir, OPTIONS).entries()).containsExactlyElementsOf(entries(1, 7, 1));
    }

    @Test
    void trailingGarbageIsCut() throws Exception {
        Path dir = root.resolve("log");
        LogFixtures.write(dir, OPTIONS, entries(1, 8, 1));
        byte[] garbage = new byte[10_000];
        new Random(42).nextBytes(garbage);
        Files.write(dir.resolve(Segment.fileName(7)), garbage, StandardOpenOption.APPEND);

        try (FileLogStorage storage = openLoaded(dir, OPTIONS)) {
            assertThat(storage.lastIndex()).isEqualTo(8);
            storage.append(entries(9, 9, 1));
            storage.sync();
        }
        assertThat(reload(dir, OPTIONS).entries()).containsExactlyElementsOf(entries(1, 9, 1));
    }

    @Test
    void aDamagedRecordFollowedByAValidOneIsCorruptionNamingFileAndOffset() throws Exception {
        Path dir = root.resolve("log");
        FileLogOptions oneSegment = options(1 << 20);
        LogFixtures.write(dir, oneSegment, entries(1, 5, 1));
        Path file = dir.resolve(Segment.fileName(1));
        long third = recordSize(1, 1) * 2L;
        flipByte(file, third + RecordFormat.MIN_RECORD + 2); // in the payload of entry 3

        assertCorrupt(dir, oneSegment, file, third, "checksum mismatch");
    }

    @Test
    void aDamagedLengthFieldInTheMiddleIsCorruption() throws Exception {
        Path dir = root.resolve("log");
        FileLogOptions oneSegment = options(1 << 20);
        LogFixtures.write(dir, oneSegment, entries(1, 5, 1));
        Path file = dir.resolve(Segment.fileName(1));
        long fourth = recordSize(1, 1) * 3L;
        flipByte(file, fourth + 3);

        assertCorrupt(dir, oneSegment, file, fourth, "follows at offset");
    }

    @Test
    void aDamagedRecordInANonLastSegmentIsCorruptionEvenAtItsEnd() throws Exception {
        Path dir = root.resolve("log");
        LogFixtures.write(dir, OPTIONS, entries(1, 8, 1));
        Path first = dir.resolve(Segment.fileName(1));
        long third = recordSize(1, 1) * 2L;
        flipByte(first, Files.size(first) - 1);

        assertCorrupt(dir, OPTIONS, first, third, "not the last one");
    }

    @Test
    void aNonLastSegmentCutShortIsCorruption() throws Exception {
        Path dir = root.resolve("log");
        LogFixtures.write(dir, OPTIONS, entries(1, 8, 1));
        Path middle = dir.resolve(Segment.fileName(4));
        truncate(middle, Files.size(middle) - 1);

        assertCorrupt(dir, OPTIONS, middle, recordSize(4, 1) * 2L, "cut short");
    }

    @Test
    void aMissingSegmentIsAGap() throws Exception {
        Path dir = root.resolve("log");
        LogFixtures.write(dir, OPTIONS, entries(1, 8, 1));
        Files.delete(dir.resolve(Segment.fileName(4)));

        assertCorrupt(dir, OPTIONS, dir.resolve(Segment.fileName(7)), 0, "previous segment ends at index 3");
    }

    @Test
    void aRecordWithAnUnexpectedIndexIsCorruption() throws Exception {
        Path dir = root.resolve("log");
        LogFixtures.write(dir, OPTIONS, entries(1, 3, 1));
        Path renamed = dir.resolve(Segment.fileName(2));
        Files.move(dir.resolve(Segment.fileName(1)), renamed);

        assertCorrupt(dir, OPTIONS, renamed, 0, "index 1 where index 2 was expected");
    }

    @Test
    void corruptionIsNeverRepairedSilently() throws Exception {
        Path dir = root.resolve("log");
        FileLogOptions oneSegment = options(1 << 20);
        LogFixtures.write(dir, oneSegment, entries(1, 5, 1));
        Path file = dir.resolve(Segment.fileName(1));
        long sizeBefore = Files.size(file);
        flipByte(file, RecordFormat.MIN_RECORD);

        assertThatThrownBy(() -> reload(dir, oneSegment)).isInstanceOf(CorruptLogException.class);
        assertThat(Files.size(file)).isEqualTo(sizeBefore);
        assertThatThrownBy(() -> reload(dir, oneSegment)).isInstanceOf(CorruptLogException.class);
    }

    private static void assertCorrupt(Path dir, FileLogOptions options, Path file, long offset, String reason) {
        try (FileLogStorage storage = FileLogStorage.open(dir, options)) {
            assertThatThrownBy(storage::load).isInstanceOfSatisfying(CorruptLogException.class, e -> {
                assertThat(e.file()).isEqualTo(file);
                assertThat(e.offset()).isEqualTo(offset);
                assertThat(e.getMessage()).contains(file.toString(), "byte offset " + offset, reason);
            });
            assertThatThrownBy(() -> storage.append(entries(1, 1, 1))).isInstanceOf(StorageException.class)
                    .hasMessageContaining("refuses writes");
        }
    }

    private static void truncate(Path file, long size) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.truncate(size);
        }
    }

    private static void overwrite(Path file, long offset, byte[] bytes) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.write(ByteBuffer.wrap(bytes), offset);
        }
    }

    private static void flipByte(Path file, long offset) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            ByteBuffer one = ByteBuffer.allocate(1);
            channel.read(one, offset);
            one.put(0, (byte) (one.get(0) ^ 0x5A));
            channel.write(one.rewind(), offset);
        }
    }
}
