package io.graft.core.internal.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.graft.api.StateMachine;
import io.graft.core.internal.client.SessionTable;
import io.graft.core.internal.protocol.ClusterMembership;
import io.graft.core.snapshot.MemorySnapshotStore;
import io.graft.core.storage.LogEntry;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * The event loop applies cheap batches itself and hands slow ones to the apply thread
 * ({@link ApplyWorker#applyOrQueue}): whichever thread applies, entries reach the state machine once each,
 * in log order, never two calls at once, and every local command's future gets its own result.
 */
class ApplyTurnsTest {

    /** Records what it applies and on which thread; a command whose first byte is 1 takes about 300 us. */
    static final class Recorder implements StateMachine<byte[], Long> {
        final List<Long> indexes = new CopyOnWriteArrayList<>();
        final Set<String> threads = ConcurrentHashMap.newKeySet();
        final AtomicInteger inside = new AtomicInteger();
        final AtomicInteger overlaps = new AtomicInteger();

        @Override
        public Long apply(long index, byte[] command) {
            if (inside.incrementAndGet() != 1) {
                overlaps.incrementAndGet();
            }
            try {
                if (command[0] == 1) {
                    long until = System.nanoTime() + 300_000;
                    while (System.nanoTime() < until) {
                        Thread.onSpinWait();
                    }
                }
                indexes.add(index);
                threads.add(Thread.currentThread().getName());
                return index * 10;
            } finally {
                inside.decrementAndGet();
            }
        }
    }

    @Test
    void entriesAreAppliedOnceInOrderOnEitherThread() throws Exception {
        Recorder sm = new Recorder();
        AtomicInteger doneCount = new AtomicInteger();
        AtomicReference<Throwable> fatal = new AtomicReference<>();
        ApplyWorker<byte[], Long> worker = new ApplyWorker<>(1, sm, io.graft.core.codec.BuiltinCodecs.bytes(), null,
                new SessionTable(60_000), new MemorySnapshotStore(), ClusterMembership.ofVoterIds(1), Long.MAX_VALUE,
                null, doneCount::addAndGet, fatal::set, Callbacks.on(Runnable::run));
        Thread applyThread = new Thread(worker, "apply-thread");
        applyThread.start();
        List<CompletableFuture<Object>> futures = new CopyOnWriteArrayList<>();
        List<Long> futureIndexes = new CopyOnWriteArrayList<>();
        int batches = 400;
        long[] lastIndex = new long[1];
        Thread loop = new Thread(() -> {
            SplittableRandom random = new SplittableRandom(42);
            long index = 0;
            for (int batch = 0; batch < batches; batch++) {
                // Mostly cheap batches, now and then a run of slow ones that pushes the work to the apply thread.
                boolean slow = batch % 50 >= 45;
                int size = 1 + random.nextInt(8);
                List<LogEntry> entries = new ArrayList<>();
                List<Pending> pending = new ArrayList<>();
                for (int i = 0; i < size; i++) {
                    index++;
                    byte[] command = ByteBuffer.allocate(9).put((byte) (slow ? 1 : 0)).putLong(index).array();
                    entries.add(LogEntry.command(index, 1, command));
                    if (random.nextBoolean()) {
                        CompletableFuture<Object> f = new CompletableFuture<>();
                        futures.add(f);
                        futureIndexes.add(index);
                        pending.add(new Pending(index, 1, f));
                    }
                }
                if (random.nextBoolean()) {
                    // Half the time the previous batches are done, as at low load: the loop may apply this one.
                    long before = index - size;
                    await().pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(1)).atMost(Duration.ofSeconds(10))
                            .until(() -> worker.appliedIndex() == before);
                }
                worker.applyOrQueue(new ApplyBatch(List.copyOf(entries), List.copyOf(pending)));
            }
            lastIndex[0] = index;
        }, "loop-thread");
        loop.start();
        loop.join(30_000);
        long index = lastIndex[0];
        try {
            await().atMost(Duration.ofSeconds(30)).until(() -> worker.appliedIndex() == index);
        } finally {
            worker.stop();
            applyThread.join(10_000);
        }
        assertThat(fatal.get()).isNull();
        assertThat(sm.overlaps.get()).isZero();
        List<Long> expected = new ArrayList<>();
        for (long i = 1; i <= index; i++) {
            expected.add(i);
        }
        assertThat(sm.indexes).containsExactlyElementsOf(expected);
        // Both paths were taken: cheap batches on the calling (loop) thread, slow ones on the apply thread.
        assertThat(sm.threads).contains("loop-thread", "apply-thread");
        assertThat(futures).isNotEmpty();
        for (int i = 0; i < futures.size(); i++) {
            assertThat(futures.get(i)).isCompletedWithValue(futureIndexes.get(i) * 10);
        }
        assertThat(doneCount.get()).isEqualTo(futures.size());
    }
}
