package io.graft.core.storage.file;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.graft.api.CorruptLogException;
import io.graft.api.StorageException;
import io.graft.core.storage.LogEntry;
import io.graft.core.storage.StoredState;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Fuzzes the file log's reader ({@link FileLogStorage#load}) with a data directory made from the input: an
 * optional hard state file and one to three segment files at chosen first indexes. Loading either yields a
 * consecutive log, which loads again identically (a torn tail is cut once and for all), or refuses with a
 * {@link StorageException} (a {@link CorruptLogException} for damage); nothing else may escape.
 *
 * <p>Input layout (so that corpus files are easy to make from real segments): a flags byte (bit 0: a hard
 * state file follows, its length in the next byte; bits 1-2: how many segments precede the last one); then
 * a first index (u16, plus one); then each earlier segment as a u16 length and its bytes, followed by a u8 gap
 * to the next segment's first index; the rest is the last segment.
 *
 * <p>A normal test run replays the corpus in {@code FileLogFuzzTestInputs}; to fuzz for real:
 * {@code JAZZER_FUZZ=1 ./mvnw -pl raft-core -am test -Dtest=FileLogFuzzTest -Dsurefire.failIfNoSpecifiedTests=false}.
 */
class FileLogFuzzTest {
    private static final FileLogOptions OPTIONS = FileLogOptions.of("fuzz", 1).withFsync(false);

    @FuzzTest(maxDuration = "5m")
    void load(byte[] input) throws IOException {
        ByteBuffer in = ByteBuffer.wrap(input);
        if (in.remaining() < 3) {
            return;
        }
        Path dir = Files.createTempDirectory("graft-fuzz-log");
        try {
            FileLogStorage.open(dir, OPTIONS).close(); // claims the directory for member 1
            int flags = in.get();
            if ((flags & 1) != 0) {
                Files.write(dir.resolve(HardStateFile.NAME), take(in, in.hasRemaining() ? in.get() & 0xff : 0));
            }
            long first = in.remaining() >= 2 ? (in.getShort() & 0xffff) + 1L : 1;
            for (int i = (flags >> 1) & 3; i > 0; i--) {
                Files.write(dir.resolve(Segment.fileName(first)), take(in, in.remaining() >= 2 ? in.getShort() & 0xffff : 0));
                first += in.hasRemaining() ? in.get() & 0xff : 1;
            }
            Files.write(dir.resolve(Segment.fileName(first)), take(in, in.remaining()));
            StoredState loaded;
            try (FileLogStorage storage = FileLogStorage.open(dir, OPTIONS)) {
                loaded = storage.load();
            } catch (StorageException refused) {
                return;
            }
            List<LogEntry> entries = loaded.entries();
            for (int i = 1; i < entries.size(); i++) {
                assertThat(entries.get(i).index()).isEqualTo(entries.get(i - 1).index() + 1);
            }
            try (FileLogStorage storage = FileLogStorage.open(dir, OPTIONS)) {
                assertThat(storage.load()).isEqualTo(loaded);
            }
        } finally {
            deleteRecursively(dir);
        }
    }

    private static byte[] take(ByteBuffer in, int wanted) {
        byte[] out = new byte[Math.min(wanted, in.remaining())];
        in.get(out);
        return out;
    }

    private static void deleteRecursively(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
