package io.graft.core.storage.file;

import static io.graft.core.storage.file.LogFixtures.concat;
import static io.graft.core.storage.file.LogFixtures.entries;
import static io.graft.core.storage.file.LogFixtures.openLoaded;
import static io.graft.core.storage.file.LogFixtures.recordSize;
import static io.graft.core.storage.file.LogFixtures.reload;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.graft.api.StorageException;
import io.graft.core.storage.HardState;
import io.graft.core.storage.LogEntry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** An I/O error surfaces as a {@link StorageException}, after which writes are refused; the disk stays consistent. */
class IoFailureTest {
    /** fsync on, three records per segment. */
    private static final FileLogOptions OPTIONS = FileLogOptions.of(LogFixtures.CLUSTER, 1)
            .withSegmentSizeBytes((long) recordSize(12, 1) * 3);

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"write", "force", "hardstate"})
    void afterAnIoErrorEveryWriteIsRefused(String failingOperation) {
        try (FileLogStorage storage = openLoaded(dir, OPTIONS)) {
            storage.append(entries(1, 2, 1));
            storage.sync();
            storage.setFaultHook(failOn(failingOperation, 0, new ArrayList<>()));

            assertThatThrownBy(() -> {
                storage.saveHardState(new HardState(2, 1));
                storage.append(entries(3, 3, 2));
                storage.sync();
            }).isInstanceOf(StorageException.class).hasMessageContaining(dir.toString())
                    .hasMessageContaining("No space left on device").hasMessageContaining("refuses writes");

            storage.setFaultHook(IoFaultHook.NONE);
            assertRefused(() -> storage.append(entries(3, 3, 2)));
            assertRefused(storage::sync);
            assertRefused(() -> storage.saveHardState(new HardState(3, 1)));
            assertRefused(() -> storage.compactPrefix(1));
        }
        assertThat(reload(dir, OPTIONS.withFsync(false)).entries()).startsWith(entries(1, 2, 1).toArray(LogEntry[]::new));
    }

    @Test
    void aRealIoErrorWhenStartingASegmentIsReported() throws Exception {
        try (FileLogStorage storage = openLoaded(dir, OPTIONS)) {
            storage.append(entries(1, 3, 1));
            storage.sync();
            Files.createDirectory(dir.resolve(Segment.fileName(4))); // in the way of the next segment
            assertThatThrownBy(() -> storage.append(entries(4, 4, 1))).isInstanceOf(StorageException.class)
                    .hasMessageContaining(Segment.fileName(4)).hasMessageContaining("entries 4..4");
            assertRefused(storage::sync);
        }
    }

    /** The steps of a conflict truncation of 5.. over segments 1-3, 4-6, 7-9, 10-12, in order. */
    private static final List<String> TRUNCATION_STEPS = List.of("delete " + Segment.fileName(10), "fsync-dir",
            "delete " + Segment.fileName(7), "fsync-dir", "truncate " + Segment.fileName(4), "preallocate " + Segment.fileName(4),
            "write " + Segment.fileName(4));

    @Test
    void conflictTruncationDeletesNewestFirstAndMakesEachStepDurableBeforeTheNext() {
        List<String> steps = new ArrayList<>();
        try (FileLogStorage storage = openLoaded(dir, OPTIONS)) {
            storage.append(entries(1, 12, 1));
            storage.sync();
            storage.setFaultHook(failOn("none", 0, steps));
            storage.append(entries(5, 6, 2));
        }
        // The close cuts the zeros written ahead of the records (see FileLogStorage.preallocate).
        assertThat(steps).containsExactlyElementsOf(concatSteps(TRUNCATION_STEPS, "truncate " + Segment.fileName(4)));
    }

    private static List<String> concatSteps(List<String> steps, String last) {
        List<String> all = new ArrayList<>(steps);
        all.add(last);
        return all;
    }

    /** Dying before any step of a conflict truncation must leave a consecutive prefix of the old log. */
    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, 3, 4, 5})
    void dyingAtAnyStepOfAConflictTruncationLeavesAConsecutivePrefix(int failAtStep) {
        List<String> steps = new ArrayList<>();
        try (FileLogStorage storage = openLoaded(dir, OPTIONS)) {
            storage.append(entries(1, 12, 1));
            storage.sync();
            storage.setFaultHook(failOn(null, failAtStep, steps));
            assertThatThrownBy(() -> storage.append(entries(5, 6, 2))).isInstanceOf(StorageException.class);
        }
        assertThat(steps).containsExactlyElementsOf(TRUNCATION_STEPS.subList(0, failAtStep + 1));
        long[] lastIndexWhenDyingBefore = {12, 9, 9, 6, 6, 4};
        assertThat(reload(dir, OPTIONS).entries())
                .containsExactlyElementsOf(entries(1, lastIndexWhenDyingBefore[failAtStep], 1));
    }

    @Test
    void aSegmentAndItsDirectoryEntryAreDurableBeforeTheNextSegmentIsCreated() {
        List<String> steps = new ArrayList<>();
        try (FileLogStorage storage = openLoaded(dir, OPTIONS)) {
            storage.setFaultHook(failOn("none", 0, steps));
            storage.append(entries(1, 4, 1));
            storage.sync();
        }
        String first = Segment.fileName(1);
        String second = Segment.fileName(4);
        // Zeros are written ahead of the records and cut before a segment is sealed, and at close.
        assertThat(steps).containsExactly("hardstate hardstate", "create " + first, "preallocate " + first, "write " + first,
                "truncate " + first, "force " + first, "fsync-dir", "create " + second, "preallocate " + second,
                "write " + second, "force " + second, "fsync-dir", "truncate " + second);
    }

    @Test
    void aConflictTruncationCompletesWhenNothingFails() {
        try (FileLogStorage storage = openLoaded(dir, OPTIONS)) {
            storage.append(entries(1, 12, 1));
            storage.append(entries(5, 6, 2));
            storage.sync();
        }
        assertThat(reload(dir, OPTIONS).entries()).containsExactlyElementsOf(concat(entries(1, 4, 1), entries(5, 6, 2)));
    }

    @Test
    void dyingDuringPrefixCompactionLeavesAConsecutiveSuffix() {
        try (FileLogStorage storage = openLoaded(dir, OPTIONS)) {
            storage.append(entries(1, 12, 1));
            storage.sync();
            storage.setFaultHook(failOn("delete", 1, new ArrayList<>()));
            assertThatThrownBy(() -> storage.compactPrefix(9)).isInstanceOf(StorageException.class);
        }
        assertThat(reload(dir, OPTIONS).entries()).containsExactlyElementsOf(entries(4, 12, 1));
    }

    private static void assertRefused(Runnable write) {
        assertThatThrownBy(write::run).isInstanceOf(StorageException.class)
                .hasMessageContaining("refuses writes after an earlier error");
    }

    /**
     * A hook that records every operation in {@code log} and fails the {@code n}th (from 0) whose name is
     * {@code operation} (any operation if {@code null}; none if there is no such operation).
     */
    private static IoFaultHook failOn(String operation, int n, List<String> log) {
        int[] seen = {0};
        return (op, file) -> {
            log.add(op.equals("fsync-dir") ? op : op + " " + file.getFileName());
            if ((operation == null || operation.equals(op)) && seen[0]++ == n) {
                throw new IOException("No space left on device");
            }
        };
    }
}
