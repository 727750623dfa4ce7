package io.graft.api.transport;

import io.graft.api.config.Options;

/**
 * Makes transports of one kind (e.g. {@code inmemory}, {@code zeromq}); found by {@link #name()} through
 * {@link java.util.ServiceLoader} ({@code META-INF/services/io.graft.api.transport.TransportProvider}).
 */
public interface TransportProvider {

    /** The name a cluster configuration uses to choose this transport. */
    String name();

    /** A new transport for one node, configured by the YAML's {@code transportOptions}. */
    Transport create(Options options);

    /**
     * The client side of this transport, for remote clients of a cluster that uses it.
     *
     * @throws UnsupportedOperationException if this transport serves no remote clients
     */
    default ClientTransport createClient(Options options) {
        throw new UnsupportedOperationException("the '" + name() + "' transport has no client side");
    }
}
