package io.graft.core.internal.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.graft.api.RaftNode;
import io.graft.api.config.ClusterConfig;
import io.graft.api.transport.Transport;
import io.graft.api.transport.TransportContext;
import io.graft.api.transport.WireMessage;
import io.graft.core.Graft;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * {@link Transport#start} is "called once, before any send". A transport may take a while to start (binding
 * a socket); the member must not send, and must not die, in the meantime.
 */
class TransportStartOrderTest {

    /** Takes {@code startMillis} to start; like the in-memory transport, refuses to send before that. */
    private static final class SlowStartingTransport implements Transport {
        private final long startMillis;
        private volatile boolean started;
        final AtomicInteger sendsBeforeStart = new AtomicInteger();
        final AtomicInteger sendsAfterStart = new AtomicInteger();

        SlowStartingTransport(long startMillis) {
            this.startMillis = startMillis;
        }

        @Override
        public void start(TransportContext context) {
            try {
                Thread.sleep(startMillis); // The slow bind being simulated, not a wait in the test.
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            started = true;
        }

        @Override
        public void send(WireMessage message) {
            if (!started) {
                sendsBeforeStart.incrementAndGet();
                throw new IllegalStateException("start() the transport before sending");
            }
            sendsAfterStart.incrementAndGet();
        }

        @Override
        public void close() {
        }
    }

    @Test
    void aMemberSendsNothingBeforeItsTransportHasStartedAndSurvivesASlowStart() {
        ClusterConfig cfg = ClusterConfig.builder().member(1, "a", 1).member(2, "b", 1).member(3, "c", 1)
                .electionTimeout(Duration.ofMillis(50)).build();
        SlowStartingTransport transport = new SlowStartingTransport(400); // Longer than an election timeout.
        RaftNode<String, Integer> node = Graft.node(cfg, 1, new LocalClusterSmokeTest.Recorder(),
                LocalClusterSmokeTest.UTF8).transport(transport).start();
        try {
            assertThat(transport.sendsBeforeStart).as("messages sent before the transport started").hasValue(0);
            // Alone, it keeps campaigning: it is alive and sending once the transport runs.
            await().atMost(Duration.ofSeconds(10)).until(() -> transport.sendsAfterStart.get() > 0);
            assertThat(node.isRunning()).isTrue();
        } finally {
            node.close();
        }
    }
}
