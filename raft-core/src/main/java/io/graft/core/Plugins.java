package io.graft.core;

import io.graft.api.config.ClusterConfig;
import io.graft.api.config.ConfigurationException;
import io.graft.api.transport.Transport;
import io.graft.api.transport.TransportProvider;
import java.util.ServiceLoader;

/** Temporary: finds the configured transport by name. */
final class Plugins {
    private Plugins() {
    }

    static Transport transport(ClusterConfig cluster) {
        for (TransportProvider p : ServiceLoader.load(TransportProvider.class)) {
            if (p.name().equals(cluster.transport())) {
                return p.create(cluster.transportOptions());
            }
        }
        throw new ConfigurationException("transport", "no transport named '" + cluster.transport() + "'");
    }
}
