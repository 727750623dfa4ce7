package io.graft.api.transport;

import io.graft.api.config.ClusterConfig;

/**
 * The client side of a transport: sends request frames to members and receives their replies. Made by
 * {@link TransportProvider#createClient}, so remote clients reach a cluster through the same plug-in (and
 * the same endpoints) as the members use among themselves.
 */
public interface ClientTransport extends AutoCloseable {

    /** Connects to the members of {@code cluster}; replies go to {@code inbox} from then on. */
    void start(ClusterConfig cluster, ClientInbox inbox);

    /** Queues one request frame for {@code memberId}. Thread-safe and non-blocking; may drop (clients retry). */
    void send(int memberId, byte[] frame);

    /** Disconnects and releases threads and sockets within about a second. Idempotent. */
    @Override
    void close();
}
