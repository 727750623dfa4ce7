package io.graft.core.internal.runtime;

import io.graft.api.transport.Inbox;
import io.graft.api.transport.Transport;
import io.graft.api.transport.TransportContext;
import io.graft.api.transport.WireMessage;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The smallest possible transport for core tests: encodes and hands frames straight to the receiver. */
final class DirectNetwork {
    private final Map<Integer, Inbox> inboxes = new ConcurrentHashMap<>();

    Transport transport(int id) {
        return new Transport() {
            @Override
            public void start(TransportContext context) {
                inboxes.put(id, context.inbox());
            }

            @Override
            public void send(WireMessage m) {
                Inbox to = inboxes.get(m.to());
                if (to != null) {
                    ByteBuffer b = ByteBuffer.allocate(m.encodedSize());
                    m.encodeTo(b);
                    to.deliver(m.from(), b.flip());
                }
            }

            @Override
            public void close() {
                inboxes.remove(id);
            }
        };
    }
}
