package io.graft.core.plugin;

import io.graft.api.config.Options;
import io.graft.api.transport.Transport;
import io.graft.api.transport.TransportContext;
import io.graft.api.transport.TransportProvider;
import io.graft.api.transport.WireMessage;

/** A transport registered through the test class path's {@code META-INF/services}; it does nothing. */
public final class TestTransportProvider implements TransportProvider {
    static final String NAME = "test-nowhere";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Transport create(Options options) {
        return new Transport() {
            @Override
            public void start(TransportContext context) {
            }

            @Override
            public void send(WireMessage message) {
            }

            @Override
            public void close() {
            }
        };
    }
}
