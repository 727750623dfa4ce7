package io.graft.transport.inmemory;

import io.graft.api.config.ClusterConfig;
import io.graft.api.transport.ClientInbox;
import io.graft.api.transport.ClientTransport;

/** The client side of an {@link InMemoryNetwork}: requests go straight to members' inboxes. */
final class InMemoryClientTransport implements ClientTransport {
    private final InMemoryNetwork network;
    private volatile ClientInbox inbox;
    private volatile boolean closed;

    InMemoryClientTransport(InMemoryNetwork network) {
        this.network = network;
    }

    @Override
    public void start(ClusterConfig cluster, ClientInbox inbox) {
        this.inbox = inbox;
    }

    @Override
    public void send(int memberId, byte[] frame) {
        ClientInbox replies = inbox;
        if (closed || replies == null) {
            return;
        }
        network.deliverClientRequest(memberId, frame, (from, reply) -> {
            if (!closed) {
                replies.deliver(from, reply);
            }
        });
    }

    @Override
    public void close() {
        closed = true;
    }
}
