package io.graft.core.internal.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.graft.api.RaftNode;
import io.graft.api.metrics.MetricsRecorder;
import io.graft.api.transport.Transport;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** A member hands its recorder what it measures as it works. */
class MetricsRecorderTest {

    static final class Counting implements MetricsRecorder {
        final AtomicReference<RaftNode<?, ?>> node = new AtomicReference<>();
        final AtomicInteger completed = new AtomicInteger();
        final AtomicInteger applied = new AtomicInteger();
        final AtomicLong syncedEntries = new AtomicLong();
        final AtomicInteger syncs = new AtomicInteger();
        final AtomicInteger stopped = new AtomicInteger();

        @Override
        public void started(RaftNode<?, ?> n, Transport transport) {
            node.set(n);
        }

        @Override
        public void commandCompleted(long nanos, boolean wasApplied) {
            assertThat(nanos).isPositive();
            completed.incrementAndGet();
            if (wasApplied) {
                applied.incrementAndGet();
            }
        }

        @Override
        public void logSynced(long nanos, int entries, long bytes) {
            syncs.incrementAndGet();
            syncedEntries.addAndGet(entries);
        }

        @Override
        public void stopped() {
            stopped.incrementAndGet();
        }
    }

    @Test
    void commandsAndWritesAreMeasured() {
        Counting[] recorders = {new Counting(), new Counting(), new Counting()};
        Members<LocalClusterSmokeTest.Recorder> m = new Members<>(3, id -> new LocalClusterSmokeTest.Recorder(),
                (id, b) -> b.metrics(recorders[id - 1]));
        try (m) {
            RaftNode<String, Integer> leader = m.awaitLeader();
            Counting mine = recorders[leader.id() - 1];
            assertThat(mine.node.get()).isSameAs(leader);
            int before = mine.completed.get();
            for (int i = 0; i < 50; i++) {
                leader.submit("c" + i).join();
            }
            await().atMost(Duration.ofSeconds(5)).until(() -> mine.completed.get() == before + 50);
            assertThat(mine.applied.get()).isEqualTo(before + 50);
            assertThat(mine.syncedEntries.get()).isGreaterThanOrEqualTo(51); // the commands and the no-op
            assertThat(mine.syncs.get()).isPositive();
        }
        for (Counting c : recorders) {
            assertThat(c.stopped.get()).isEqualTo(1);
        }
    }
}
