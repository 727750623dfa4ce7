package io.graft.transport.zeromq;

import io.graft.api.config.Options;
import io.graft.api.transport.Transport;
import io.graft.api.transport.TransportProvider;

/** Provides the {@code zeromq} transport; its options are described by {@link ZeroMqSettings}. */
public final class ZeroMqTransportProvider implements TransportProvider {
    /** The name a cluster configuration uses: {@code transport: zeromq}. */
    public static final String NAME = "zeromq";

    @Override
    public String name() {
        return NAME;
    }

    /**
     * @throws io.graft.api.config.ConfigurationException if an option is unknown or invalid, or CURVE is on and
     *         this member's secret key cannot be read
     */
    @Override
    public Transport create(Options options) {
        return new ZeroMqTransport(ZeroMqSettings.from(options));
    }
}
