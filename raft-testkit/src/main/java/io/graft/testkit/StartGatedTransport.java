package io.graft.testkit;

import io.graft.api.transport.Transport;
import io.graft.api.transport.TransportContext;
import io.graft.api.transport.WireMessage;

/**
 * Drops what a member sends before its transport's {@link #start} has returned, as a lossy network would,
 * instead of letting the in-memory transport refuse it and the member die.
 *
 * <p>A workaround, to be removed: {@code LocalRaftNode} starts its event loop before it starts the
 * transport, so a member whose election timeout passes in between (a loaded machine, a cold JVM) sends too
 * early. {@code TransportStartOrderTest} in raft-core shows it; it made {@code ReplicationTest} lose a member.
 */
final class StartGatedTransport implements Transport {
    private final Transport delegate;
    private volatile boolean started;

    StartGatedTransport(Transport delegate) {
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
