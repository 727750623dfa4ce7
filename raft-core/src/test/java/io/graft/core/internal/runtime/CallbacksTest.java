package io.graft.core.internal.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class CallbacksTest {

    @Test
    void outcomesAreHandedOverOncePerBatchNotOncePerFuture() {
        AtomicInteger handOffs = new AtomicInteger();
        Executor counting = task -> {
            handOffs.incrementAndGet();
            task.run();
        };
        CompletionBatcher out = Callbacks.on(counting).batcher();
        List<CompletableFuture<Object>> futures = new ArrayList<>();
        for (int i = 0; i < CompletionBatcher.CAPACITY + 44; i++) {
            CompletableFuture<Object> f = new CompletableFuture<>();
            futures.add(f);
            out.complete(f, i);
        }
        assertThat(handOffs).as("a full batch goes at once").hasValue(1);

        out.flush();
        out.flush();

        assertThat(handOffs).hasValue(2);
        assertThat(futures).allMatch(CompletableFuture::isDone);
        assertThat(futures.get(CompletionBatcher.CAPACITY + 43).join()).isEqualTo(CompletionBatcher.CAPACITY + 43);
    }

    @Test
    void theOwnThreadCompletesInTheOrderHandedOverAcrossProducers() throws Exception {
        Callbacks callbacks = Callbacks.ownThread("callbacks-test");
        callbacks.start();
        List<String> seen = new CopyOnWriteArrayList<>();
        CompletionBatcher first = callbacks.batcher();
        CompletionBatcher second = callbacks.batcher();
        List<CompletableFuture<String>> futures = new ArrayList<>();
        for (int round = 0; round < 200; round++) {
            CompletionBatcher producer = round % 2 == 0 ? first : second;
            for (int i = 0; i < 3; i++) {
                CompletableFuture<String> f = new CompletableFuture<>();
                f.thenAccept(seen::add);
                futures.add(f);
                producer.complete(f, round + "." + i);
            }
            producer.flush();
        }
        CompletableFuture<String> failed = new CompletableFuture<>();
        callbacks.fail(failed, new IllegalStateException("x"));

        CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);
        List<String> expected = new ArrayList<>();
        for (int round = 0; round < 200; round++) {
            for (int i = 0; i < 3; i++) {
                expected.add(round + "." + i);
            }
        }
        assertThat(seen).containsExactlyElementsOf(expected);
        assertThat(failed).failsWithin(10, TimeUnit.SECONDS);
        assertThat(callbacks.thread().getName()).isEqualTo("callbacks-test");
        callbacks.close();
    }

    @Test
    void aDirectFutureCompletesAtOnceOnTheProducersThread() {
        Callbacks callbacks = Callbacks.ownThread("never-started");
        CompletionBatcher out = callbacks.batcher();
        DirectFuture<String> direct = new DirectFuture<>();
        CompletableFuture<String> thread = direct.thenApply(v -> Thread.currentThread().getName());

        out.complete(direct, "v");

        assertThat(thread).isCompletedWithValue(Thread.currentThread().getName());
        callbacks.close();
    }

    @Test
    void afterCloseWhatIsQueuedStillCompletesAndLaterOutcomesCompleteOnTheProducer() throws Exception {
        Callbacks callbacks = Callbacks.ownThread("closing-test");
        callbacks.start();
        CompletionBatcher out = callbacks.batcher();
        CompletableFuture<String> queued = new CompletableFuture<>();
        out.complete(queued, "before");
        out.flush();

        callbacks.close();
        callbacks.thread().join(TimeUnit.SECONDS.toMillis(10));
        CompletableFuture<String> late = new CompletableFuture<>();
        CompletableFuture<String> lateThread = late.thenApply(v -> Thread.currentThread().getName());
        out.complete(late, "after");
        out.flush();

        assertThat(callbacks.thread().isAlive()).isFalse();
        assertThat(queued).isCompletedWithValue("before");
        assertThat(lateThread).isCompletedWithValue(Thread.currentThread().getName());
    }

    @Test
    void aBusyProducerAllocatesNothingToHandOutcomesOver() throws Exception {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        assumeTrue(threads.isThreadAllocatedMemorySupported() && threads.isThreadAllocatedMemoryEnabled());
        Callbacks callbacks = Callbacks.ownThread("allocation-test");
        callbacks.start();
        CompletionBatcher out = callbacks.batcher();
        int rounds = 2_000;
        int perRound = 64;
        CompletableFuture<?>[][] futures = new CompletableFuture<?>[rounds][perRound];
        for (CompletableFuture<?>[] round : futures) {
            for (int i = 0; i < perRound; i++) {
                round[i] = new CompletableFuture<>();
            }
        }
        Object result = "r";
        for (int r = 0; r < 200; r++) { // Warm-up: batches made, code compiled.
            handOver(out, futures[r], result);
        }

        long thread = Thread.currentThread().getId();
        long before = threads.getThreadAllocatedBytes(thread);
        for (int r = 200; r < rounds; r++) {
            handOver(out, futures[r], result);
        }
        long allocated = threads.getThreadAllocatedBytes(thread) - before;

        // A batch of its own per hand-off would be some 3 KB each, 5 MB in all: a few spare batches at most.
        assertThat(allocated).isLessThan(64 * 1024);
        callbacks.close();
    }

    private static void handOver(CompletionBatcher out, CompletableFuture<?>[] round, Object result) {
        for (CompletableFuture<?> f : round) {
            out.complete(f, result);
        }
        out.flush();
        CompletableFuture<?> last = round[round.length - 1];
        while (!last.isDone()) {
            Thread.onSpinWait();
        }
    }
}
