package io.graft.core.internal.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * No hand-over is lost: a consumer that idles with a long park timeout still sees every item promptly,
 * whether it spins first or parks at once, however the producer's items fall against its parking.
 */
class IdleStrategyTest {

    @ParameterizedTest
    @ValueSource(longs = {0, 20_000})
    void everyItemHandedOverIsSeenWithoutWaitingForTheParkTimeout(long spinNanos) throws InterruptedException {
        IdleStrategy idle = new IdleStrategy(spinNanos);
        ConcurrentLinkedQueue<Long> queue = new ConcurrentLinkedQueue<>();
        AtomicLong consumed = new AtomicLong();
        AtomicBoolean stop = new AtomicBoolean();
        Thread consumer = new Thread(() -> {
            IdleStrategy.started();
            try {
                while (!stop.get()) {
                    if (queue.poll() != null) {
                        consumed.incrementAndGet();
                        idle.noteRound(1);
                    } else {
                        // An hour: only a wake-up (or the stop below) ends this wait in time.
                        idle.idle(() -> !queue.isEmpty() || stop.get(), TimeUnit.HOURS.toNanos(1));
                    }
                }
            } finally {
                IdleStrategy.stopped();
            }
        }, "idle-test-consumer");
        consumer.start();
        int items = 5_000;
        for (long i = 0; i < items; i++) {
            queue.add(i);
            idle.wake(consumer);
            if (i % 50 == 0) {
                // Let the consumer catch up and go idle now and then, so that parking races the next item.
                long seen = i + 1;
                await().pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(1)).atMost(Duration.ofSeconds(10))
                        .until(() -> consumed.get() == seen);
            }
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> consumed.get() == items);
        stop.set(true);
        idle.wake(consumer);
        consumer.join(TimeUnit.SECONDS.toMillis(10));
        assertThat(consumer.isAlive()).isFalse();
        assertThat(consumed.get()).isEqualTo(items);
    }
}
