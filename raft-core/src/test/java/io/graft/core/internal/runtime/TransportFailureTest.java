package io.graft.core.internal.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.graft.api.NodeClosedException;
import io.graft.api.RaftNode;
import io.graft.api.config.ClusterConfig;
import io.graft.api.transport.Transport;
import io.graft.api.transport.TransportContext;
import io.graft.api.transport.WireMessage;
import io.graft.core.Graft;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * A transport that reports it can no longer carry messages ({@link TransportContext#failed}) stops its member
 * with that cause: the member does not live on unable to reach anyone, and its launcher can see why it stopped.
 */
class TransportFailureTest {

    /** Keeps the context it was started with, so that the test can report a failure through it. */
    private static final class FailingTransport implements Transport {
        volatile TransportContext context;
        final AtomicBoolean closed = new AtomicBoolean();

        @Override
        public void start(TransportContext context) {
            this.context = context;
        }

        @Override
        public void send(WireMessage message) {
        }

        @Override
        public void close() {
            closed.set(true);
        }
    }

    @Test
    void aFailedTransportStopsItsMemberWithTheCause() {
        ClusterConfig cfg = ClusterConfig.builder().member(1, "a", 1).member(2, "b", 1).member(3, "c", 1)
                .electionTimeout(Duration.ofMillis(50)).build();
        FailingTransport transport = new FailingTransport();
        RaftNode<String, Integer> node = Graft.node(cfg, 1, new LocalClusterSmokeTest.Recorder(),
                LocalClusterSmokeTest.UTF8).transport(transport).start();
        try {
            IllegalStateException cause = new IllegalStateException("the I/O thread died");
            transport.context.failed().accept(cause);

            await().atMost(Duration.ofSeconds(10)).until(() -> !node.isRunning());
            assertThat(node.failure()).containsSame(cause);
            assertThat(node.submit("x")).failsWithin(5, TimeUnit.SECONDS).withThrowableOfType(Exception.class)
                    .withCauseInstanceOf(NodeClosedException.class).withMessageContaining("the I/O thread died");
        } finally {
            node.close();
        }
        assertThat(transport.closed).isTrue();
    }
}
