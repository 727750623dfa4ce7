package io.graft.transport.inmemory;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The JVM-wide table of named networks, through which transports made by the {@link InMemoryTransportProvider}
 * from configuration files find the network their cluster shares.
 */
final class NetworkRegistry {
    private static final ConcurrentMap<String, InMemoryNetwork> NETWORKS = new ConcurrentHashMap<>();

    private NetworkRegistry() {
    }

    /** The open network called {@code name}, created with default settings if there is none. */
    static InMemoryNetwork getOrCreate(String name) {
        return NETWORKS.compute(name, (key, existing) ->
                existing != null && !existing.isClosed() ? existing : InMemoryNetwork.builder().name(key).build());
    }

    /** Makes {@code network} findable by its name; refuses if an open network already has that name. */
    static void register(InMemoryNetwork network) {
        NETWORKS.compute(network.name(), (key, existing) -> {
            if (existing != null && existing != network && !existing.isClosed()) {
                throw new IllegalStateException("an open in-memory network is already registered as '" + key
                        + "'; close it first or choose another name");
            }
            return network;
        });
    }

    /** Forgets {@code network} if it is the one registered under its name. */
    static void unregister(InMemoryNetwork network) {
        NETWORKS.remove(network.name(), network);
    }
}
