package io.graft.testkit.bench;

import io.graft.api.transport.Transport;
import io.graft.api.transport.TransportContext;
import io.graft.api.transport.WireMessage;

/**
 * Drops what is sent before {@link #start} returns, as a lossy network would, instead of letting the
 * in-memory transport refuse it. Works around a start-order bug in {@code LocalRaftNode} (its event loop may
 * send before it starts the transport; see {@code TransportStartOrderTest} in raft-core), which a cold child
 * JVM hits. Remove once that is fixed.
 */
public final class DropUntilStartedTransport implements Transport {
    private final Transport delegate;
    private volatile boolean started;

    /** Gates {@code delegate}. */
    public DropUntilStartedTransport(Transport delegate) {
        this.delegate = delegate;
    }

    @Override
    public void start(TransportContext context) {
        delegate.start(context);
        started = true;
    }

    @Override
    public void send(WireMessage message) {
        if (started) {
            delegate.send(message);
        }
    }

    @Override
    public void close() {
        delegate.close();
    }
}
