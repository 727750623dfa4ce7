package io.graft.core.internal.raft;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.graft.core.snapshot.SnapshotMeta;
import io.graft.core.storage.HardState;
import io.graft.core.storage.LogEntry;
import io.graft.core.storage.MemoryLogStorage;
import io.graft.core.storage.StoredState;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Restarting from a snapshot plus whatever log survived. Found by the simulator (seeds 114 and 124): a member
 * installed a leader's snapshot, and crashed before the log reset that follows it was durable. On restart
 * its core started after the snapshot while storage still held the old, shorter log, so the next append left
 * a gap that storage refused, and the member failed again at every restart.
 */
class SnapshotRecoveryTest {
    private static final SnapshotMeta SNAPSHOT = new SnapshotMeta(10, 1, List.of(1, 2, 3));

    @Test
    void aStoredLogEndingBeforeTheSnapshotIsResetSoTheNextAppendFollowsOn() {
        MemoryLogStorage storage = new MemoryLogStorage();
        storage.append(Fixtures.log(1, 1, 1, 1, 1));
        RaftCore core = new RaftCore(Fixtures.config(1, 3, true, true), storage.load(), SNAPSHOT,
                new SplittableRandom(1), 0);

        assertThat(core.lastIndex()).isEqualTo(10);
        Ready first = core.ready();
        assertThat(first.resetLogTo()).isEqualTo(10);
        assertThat(first.needsStorage()).isTrue();

        storage.reset(first.resetLogTo());
        storage.append(List.of(LogEntry.noop(11, 2)));
        assertThat(storage.lastIndex()).isEqualTo(11);
    }

    @Test
    void withoutTheResetStorageRefusesTheGap() {
        MemoryLogStorage storage = new MemoryLogStorage();
        storage.append(Fixtures.log(1, 1, 1, 1, 1));
        assertThatThrownBy(() -> storage.append(List.of(LogEntry.noop(11, 2)))).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aStoredLogThatReachesTheSnapshotIsKept() {
        StoredState stored = new StoredState(new HardState(1, 0), Fixtures.log(1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1));
        RaftCore core = new RaftCore(Fixtures.config(1, 3, true, true), stored, SNAPSHOT, new SplittableRandom(1), 0);

        assertThat(core.lastIndex()).isEqualTo(12);
        assertThat(core.hasReady() ? core.ready().resetLogTo() : 0).isZero();
    }
}
