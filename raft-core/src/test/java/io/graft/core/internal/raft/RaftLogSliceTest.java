package io.graft.core.internal.raft;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.graft.core.storage.LogEntry;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link RaftLog#slice} copies once and hands the same slice to every caller asking for the same range; these
 * tests show that a slice never changes afterwards, whatever the log does next (append, truncate and rewrite,
 * compact, reset), and that a cached slice is never returned for entries that changed.
 */
class RaftLogSliceTest {

    private static LogEntry entry(long index, long term) {
        return LogEntry.command(index, term, new byte[] {(byte) index, (byte) term});
    }

    private static RaftLog logOf(int count, long term) {
        RaftLog log = new RaftLog(List.of(), 0, 0);
        for (int i = 1; i <= count; i++) {
            log.append(entry(i, term));
        }
        return log;
    }

    @Test
    void aSliceSurvivesTruncationAndRewritingOfTheEntriesItCovers() {
        RaftLog log = logOf(10, 1);
        List<LogEntry> slice = log.slice(5, 10, 100, Long.MAX_VALUE);
        List<LogEntry> before = new ArrayList<>(slice);

        log.truncateFrom(6);
        for (int i = 6; i <= 12; i++) {
            log.append(entry(i, 2));
        }

        assertThat(slice).containsExactlyElementsOf(before);
        assertThat(log.term(6)).isEqualTo(2);
        assertThat(log.entry(12)).isEqualTo(entry(12, 2));
        assertThat(log.slice(5, 7, 100, Long.MAX_VALUE)).containsExactly(entry(5, 1), entry(6, 2), entry(7, 2));
    }

    @Test
    void aSliceSurvivesCompactionGrowthAndReset() {
        RaftLog log = logOf(200, 1);
        List<LogEntry> slice = log.slice(100, 150, 1000, Long.MAX_VALUE);
        List<LogEntry> before = new ArrayList<>(slice);

        log.compact(180);
        for (int i = 201; i <= 2000; i++) {
            log.append(entry(i, 1));
        }
        assertThat(slice).containsExactlyElementsOf(before);
        assertThat(log.firstIndex()).isEqualTo(181);
        assertThat(log.term(180)).isEqualTo(1);
        assertThat(log.term(179)).isEqualTo(-1);

        log.reset(5000, 3);
        log.append(entry(5001, 3));
        assertThat(slice).containsExactlyElementsOf(before);
        assertThat(log.lastIndex()).isEqualTo(5001);
    }

    @Test
    void truncatingAboveEverySliceKeepsEarlierSlicesIntact() {
        RaftLog log = logOf(10, 1);
        List<LogEntry> low = log.slice(1, 3, 100, Long.MAX_VALUE);
        log.truncateFrom(8);
        log.append(entry(8, 2));
        assertThat(low).containsExactly(entry(1, 1), entry(2, 1), entry(3, 1));
        assertThat(log.slice(7, 8, 100, Long.MAX_VALUE)).containsExactly(entry(7, 1), entry(8, 2));
    }

    @Test
    void slicesRespectCountAndByteLimitsAndAreImmutable() {
        RaftLog log = logOf(10, 1);
        assertThat(log.slice(3, 10, 4, Long.MAX_VALUE)).extracting(LogEntry::index).containsExactly(3L, 4L, 5L, 6L);
        // Two bytes of payload per entry: five bytes allow two entries, and one entry always goes.
        assertThat(log.slice(3, 10, 100, 5)).extracting(LogEntry::index).containsExactly(3L, 4L);
        assertThat(log.slice(3, 10, 100, 1)).extracting(LogEntry::index).containsExactly(3L);
        assertThat(log.slice(11, 20, 100, Long.MAX_VALUE)).isEmpty();

        List<LogEntry> slice = log.slice(1, 4, 100, Long.MAX_VALUE);
        assertThatThrownBy(() -> slice.add(entry(11, 1))).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> slice.set(0, entry(1, 9))).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> slice.subList(0, 2).clear()).isInstanceOf(UnsupportedOperationException.class);
        assertThat(slice.subList(1, 3)).containsExactly(entry(2, 1), entry(3, 1));
        assertThat(slice.toArray()).containsExactly(entry(1, 1), entry(2, 1), entry(3, 1), entry(4, 1));
    }

    @Test
    void theSameRangeGivesTheSameSliceUntilEntriesAreRemoved() {
        RaftLog log = logOf(10, 1);
        List<LogEntry> first = log.slice(4, 10, 100, Long.MAX_VALUE);
        log.append(entry(11, 1));
        assertThat(log.slice(4, 10, 100, Long.MAX_VALUE)).isSameAs(first);
        assertThat(log.slice(4, 11, 100, Long.MAX_VALUE)).hasSize(8);

        List<LogEntry> again = log.slice(4, 6, 100, Long.MAX_VALUE);
        log.truncateFrom(5);
        log.append(entry(5, 2));
        log.append(entry(6, 2));
        assertThat(log.slice(4, 6, 100, Long.MAX_VALUE)).containsExactly(entry(4, 1), entry(5, 2), entry(6, 2));
        assertThat(again).containsExactly(entry(4, 1), entry(5, 1), entry(6, 1));
    }
}
