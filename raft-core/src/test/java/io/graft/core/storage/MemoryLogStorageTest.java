package io.graft.core.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.graft.core.storage.LogEntry;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MemoryLogStorageTest {

    private final MemoryLogStorage storage = new MemoryLogStorage();

    private static LogEntry entry(long index, long term) {
        return LogEntry.command(index, term, new byte[] {(byte) index, (byte) term});
    }

    private static List<LogEntry> entries(long from, long to, long term) {
        List<LogEntry> list = new ArrayList<>();
        for (long i = from; i <= to; i++) {
            list.add(entry(i, term));
        }
        return list;
    }

    @Test
    void starts_empty() {
        assertThat(storage.load()).isEqualTo(new StoredState(HardState.BLANK, List.of()));
        assertThat(storage.lastIndex()).isZero();
    }

    @Test
    void appends_in_batches() {
        storage.append(entries(1, 3, 1));
        storage.append(List.of(LogEntry.noop(4, 2)));
        storage.append(entries(5, 6, 2));
        storage.sync();

        List<LogEntry> expected = new ArrayList<>(entries(1, 3, 1));
        expected.add(LogEntry.noop(4, 2));
        expected.addAll(entries(5, 6, 2));
        assertThat(storage.load().entries()).containsExactlyElementsOf(expected);
        assertThat(storage.lastIndex()).isEqualTo(6);
    }

    @Test
    void an_append_at_or_below_the_last_index_truncates_the_conflicting_suffix_first() {
        storage.append(entries(1, 5, 1));

        storage.append(entries(3, 4, 2));

        List<LogEntry> expected = new ArrayList<>(entries(1, 2, 1));
        expected.addAll(entries(3, 4, 2));
        assertThat(storage.load().entries()).containsExactlyElementsOf(expected);
        assertThat(storage.lastIndex()).isEqualTo(4);
    }

    @Test
    void an_append_at_index_one_replaces_the_whole_log() {
        storage.append(entries(1, 3, 1));

        storage.append(entries(1, 1, 3));

        assertThat(storage.load().entries()).containsExactly(entry(1, 3));
    }

    @Test
    void an_append_past_the_end_is_refused_and_changes_nothing() {
        storage.append(entries(1, 2, 1));

        assertThatThrownBy(() -> storage.append(entries(4, 5, 1)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("gap");
        assertThat(storage.load().entries()).containsExactlyElementsOf(entries(1, 2, 1));
    }

    @Test
    void keeps_the_latest_hard_state() {
        storage.saveHardState(new HardState(3, 2));
        storage.saveHardState(new HardState(4, 0));

        assertThat(storage.load().hardState()).isEqualTo(new HardState(4, 0));
    }

    @Test
    void a_loaded_state_is_a_snapshot_that_later_writes_do_not_change() {
        storage.append(entries(1, 2, 1));
        storage.saveHardState(new HardState(1, 1));
        StoredState before = storage.load();

        storage.append(entries(2, 3, 2));
        storage.saveHardState(new HardState(2, 2));

        assertThat(before.entries()).containsExactlyElementsOf(entries(1, 2, 1));
        assertThat(before.hardState()).isEqualTo(new HardState(1, 1));
        assertThatThrownBy(() -> before.entries().add(entry(3, 1))).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void survives_close_for_a_restart_in_the_same_jvm() {
        storage.append(entries(1, 2, 1));
        storage.saveHardState(new HardState(5, 3));

        storage.close();

        assertThat(storage.load()).isEqualTo(new StoredState(new HardState(5, 3), entries(1, 2, 1)));
    }
}
