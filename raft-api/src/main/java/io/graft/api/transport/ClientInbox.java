package io.graft.api.transport;

import java.nio.ByteBuffer;

/** Where a {@link ClientTransport} hands replies from members to its client. Thread-safe, non-blocking. */
@FunctionalInterface
public interface ClientInbox {

    /**
     * Delivers one encoded reply.
     *
     * @param fromMember the member that sent it
     * @param frame the reply's bytes, from position to limit; not retained after the call
     */
    void deliver(int fromMember, ByteBuffer frame);
}
