package io.graft.core.storage.file;

import static org.assertj.core.api.Assertions.assertThat;

import io.graft.core.storage.HardState;
import io.graft.core.storage.LogEntry;
import io.graft.core.storage.StoredState;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Shared helpers for the file log tests. */
final class LogFixtures {
    static final String CLUSTER = "test-cluster";

    private LogFixtures() {
    }

    /** Options for member 1 with fsync off (these tests do not cut power) and the given segment size. */
    static FileLogOptions options(long segmentSize) {
        return FileLogOptions.of(CLUSTER, 1).withSegmentSizeBytes(segmentSize).withFsync(false);
    }

    /** Command entries {@code from..to} in {@code term}, with payloads that name them. */
    static List<LogEntry> entries(long from, long to, long term) {
        List<LogEntry> list = new ArrayList<>();
        for (long i = from; i <= to; i++) {
            list.add(entry(i, term));
        }
        return list;
    }

    static LogEntry entry(long index, long term) {
        return LogEntry.command(index, term, ("entry " + index + " of term " + term).getBytes(StandardCharsets.UTF_8));
    }

    /** The on-disk size of entry {@code index} of {@code term} as built by {@link #entry}. */
    static int recordSize(long index, long term) {
        return RecordFormat.size(entry(index, term));
    }

    /** A term above every entry's term these tests write, recorded before entries as the runtime does. */
    static final HardState TEST_HARD_STATE = new HardState(1000, 0);

    /**
     * Opens and loads {@code dir}; a new directory gets {@link #TEST_HARD_STATE} (saved with the first write),
     * as a member always records a term before it holds entries of that term.
     */
    static FileLogStorage openLoaded(Path dir, FileLogOptions options) {
        FileLogStorage storage = FileLogStorage.open(dir, options);
        if (storage.load().hardState().equals(HardState.BLANK)) {
            storage.saveHardState(TEST_HARD_STATE);
        }
        return storage;
    }

    /** Loads {@code dir} afresh and returns what it holds, closing it again. */
    static StoredState reload(Path dir, FileLogOptions options) {
        try (FileLogStorage storage = FileLogStorage.open(dir, options)) {
            return storage.load();
        }
    }

    /** Writes {@code entries} in one append and syncs, in a fresh or existing directory. */
    static void write(Path dir, FileLogOptions options, List<LogEntry> entries) {
        try (FileLogStorage storage = openLoaded(dir, options)) {
            storage.append(entries);
            storage.sync();
        }
    }

    /** The segment files of {@code dir}, in index order. */
    static List<Path> segmentFiles(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".seg")).sorted()
                    .collect(Collectors.toList());
        }
    }

    /** Asserts that the indexes of {@code entries} run from {@code first} without gaps. */
    static void assertConsecutiveFrom(List<LogEntry> entries, long first) {
        for (int i = 0; i < entries.size(); i++) {
            assertThat(entries.get(i).index()).as("index at position %d", i).isEqualTo(first + i);
        }
    }

    /** Concatenates lists. */
    @SafeVarargs
    static List<LogEntry> concat(List<LogEntry>... parts) {
        List<LogEntry> all = new ArrayList<>();
        for (List<LogEntry> part : parts) {
            all.addAll(part);
        }
        return all;
    }
}
