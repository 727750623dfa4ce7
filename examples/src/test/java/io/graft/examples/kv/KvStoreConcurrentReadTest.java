package io.graft.examples.kv;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class KvStoreConcurrentReadTest {

    private static final int KEYS = 1_000;
    private static final int SNAPSHOTS = 500;

    @Test
    @Timeout(60)
    void snapshotsTakenDuringApplyReflectExactlyOnePointInTheLog() {
        KvStore store = new KvStore();
        ExecutorService applyThread = Executors.newSingleThreadExecutor();
        try {
            // Command i writes value i to key (i % KEYS), so the snapshot at index m is fully determined by m:
            // every key j holds the largest i <= m with i % KEYS == j. A torn snapshot breaks that.
            // The writer runs until the reader has its snapshots, so that every snapshot races with writes.
            AtomicBoolean stop = new AtomicBoolean();
            CompletableFuture<Integer> applying = CompletableFuture.supplyAsync(() -> {
                int i = 0;
                while (!stop.get()) {
                    i++;
                    store.apply(i, KvCommand.put(key(i % KEYS), Integer.toString(i)));
                }
                return i;
            }, applyThread);

            try {
                for (int s = 0; s < SNAPSHOTS; s++) {
                    long appliedBefore = store.lastAppliedIndex();
                    Map<String, String> snapshot = store.snapshotOfData();
                    long appliedAfter = store.lastAppliedIndex();
                    assertConsistent(snapshot, appliedBefore, appliedAfter);
                }
            } finally {
                stop.set(true);
            }
            assertThat(applying).succeedsWithin(Duration.ofSeconds(30));
            int last = applying.join();
            assertThat(last).as("the writer ran while the snapshots were taken").isGreaterThan(KEYS);
            assertConsistent(store.snapshotOfData(), last, last);
            assertThat(store.size()).isEqualTo(KEYS);
        } finally {
            applyThread.shutdownNow();
        }
    }

    private static String key(int j) {
        return "k" + j;
    }

    private static void assertConsistent(Map<String, String> snapshot, long appliedBefore, long appliedAfter) {
        int m = snapshot.values().stream().mapToInt(Integer::parseInt).max().orElse(0);
        assertThat((long) m).isBetween(appliedBefore, appliedAfter);
        assertThat(snapshot).hasSize(Math.min(m, KEYS));
        for (int j = 0; j < KEYS; j++) {
            int latest = m - Math.floorMod(m - j, KEYS);
            if (latest >= 1) {
                assertThat(snapshot.get(key(j))).as("key %d at index %d", j, m).isEqualTo(Integer.toString(latest));
            } else {
                assertThat(snapshot).doesNotContainKey(key(j));
            }
        }
    }
}
