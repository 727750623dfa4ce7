package io.graft.core.internal.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.graft.api.Codec;
import io.graft.api.NodeClosedException;
import io.graft.api.RaftNode;
import io.graft.api.StateMachine;
import io.graft.api.config.ClusterConfig;
import io.graft.api.transport.Transport;
import io.graft.api.transport.TransportContext;
import io.graft.api.transport.WireMessage;
import io.graft.core.Graft;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * A transport whose own I/O thread dies tells the member through {@link TransportContext#failed()}, and
 * the member stops as a whole (closing the transport) instead of living on unable to send or receive.
 */
class TransportThreadFailureTest {
    private static final Codec<String> UTF8 = new Codec<>() {
        @Override
        public byte[] encode(String value) {
            return value.getBytes(StandardCharsets.UTF_8);
        }

        @Override
        public String decode(byte[] bytes) {
            return new String(bytes, StandardCharsets.UTF_8);
        }
    };

    /** A one-member cluster's transport: sends go nowhere; it remembers its context and whether it was closed. */
    private static final class WatchedTransport implements Transport {
        final AtomicReference<TransportContext> context = new AtomicReference<>();
        final AtomicBoolean closed = new AtomicBoolean();

        @Override
        public void start(TransportContext c) {
            context.set(c);
        }

        @Override
        public void send(WireMessage message) {
            // One member: nobody to send to.
        }

        @Override
        public void close() {
            closed.set(true);
        }
    }

    @Test
    void aTransportThreadThatDiesStopsTheMember() {
        ClusterConfig cluster = ClusterConfig.builder().member(1, "a", 1).electionTimeout(Duration.ofMillis(100))
                .build();
        WatchedTransport transport = new WatchedTransport();
        StateMachine<String, Integer> noop = (index, command) -> 0;
        try (RaftNode<String, Integer> node = Graft.node(cluster, 1, noop, UTF8).transport(transport).start()) {
            await().atMost(Duration.ofSeconds(10)).until(() -> node.status().isLeader());

            transport.context.get().failed().accept(new OutOfMemoryError("simulated: the I/O thread died"));

            assertThat(node.whenStopped().toCompletableFuture()).succeedsWithin(Duration.ofSeconds(10));
            assertThat(transport.closed).isTrue();
            assertThat(node.failure()).get().isInstanceOf(OutOfMemoryError.class);
            assertThat(node.status().isLeader()).isFalse();
            assertThat(node.submit("x")).failsWithin(Duration.ofSeconds(5)).withThrowableThat()
                    .havingCause().isInstanceOf(NodeClosedException.class).withMessageContaining("I/O thread died");
        }
    }
}
