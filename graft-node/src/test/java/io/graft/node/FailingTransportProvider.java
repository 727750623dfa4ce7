package io.graft.node;

import io.graft.api.config.Options;
import io.graft.api.transport.Transport;
import io.graft.api.transport.TransportContext;
import io.graft.api.transport.TransportProvider;
import io.graft.api.transport.WireMessage;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The {@value #NAME} transport, for tests: it carries nothing, and reports a failure ({@link TransportContext#failed})
 * a moment after it starts, as the ZeroMQ transport does when its I/O thread dies.
 */
public final class FailingTransportProvider implements TransportProvider {
    /** The name a cluster file gives to use it. */
    public static final String NAME = "fails-after-start";
    /** The message of the failure it reports. */
    static final String FAILURE = "the test transport's I/O thread died";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Transport create(Options options) {
        return new Transport() {
            @Override
            public void start(TransportContext context) {
                CompletableFuture.delayedExecutor(300, TimeUnit.MILLISECONDS)
                        .execute(() -> context.failed().accept(new IllegalStateException(FAILURE)));
            }

            @Override
            public void send(WireMessage message) {
            }

            @Override
            public void close() {
            }
        };
    }
}
