package io.graft.core.storage.file;

import static org.assertj.core.api.Assertions.assertThat;

import io.graft.core.storage.LogEntry;
import io.graft.core.storage.StoredState;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A restart reads a million small entries; the time is logged for information, not asserted. */
class LargeLogTest {
    private static final Logger LOG = LoggerFactory.getLogger(LargeLogTest.class);
    private static final int COUNT = 1_000_000;

    @TempDir
    Path dir;

    @Test
    void loadsAMillionSmallEntries() {
        FileLogOptions options = LogFixtures.options(FileLogOptions.DEFAULT_SEGMENT_SIZE_BYTES);
        long writeStart = System.nanoTime();
        try (FileLogStorage storage = LogFixtures.openLoaded(dir, options)) {
            List<LogEntry> batch = new ArrayList<>();
            for (long i = 1; i <= COUNT; i++) {
                batch.add(LogEntry.command(i, 1 + i / 100_000, ByteBuffer.allocate(8).putLong(i).array()));
                if (batch.size() == 10_000) {
                    storage.append(batch);
                    batch.clear();
                }
            }
            storage.sync();
        }
        long loadStart = System.nanoTime();
        StoredState state = LogFixtures.reload(dir, options);
        long loadEnd = System.nanoTime();
        LOG.info("Wrote {} entries in {} ms, loaded them in {} ms", COUNT, (loadStart - writeStart) / 1_000_000,
                (loadEnd - loadStart) / 1_000_000);

        assertThat(state.entries()).hasSize(COUNT);
        LogFixtures.assertConsecutiveFrom(state.entries(), 1);
        LogEntry last = state.entries().get(COUNT - 1);
        assertThat(last.term()).isEqualTo(11);
        assertThat(ByteBuffer.wrap(last.payload()).getLong()).isEqualTo(COUNT);
    }
}
