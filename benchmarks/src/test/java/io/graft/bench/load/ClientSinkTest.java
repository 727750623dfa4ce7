package io.graft.bench.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.graft.api.config.ConfigurationException;
import io.graft.api.config.Options;
import io.graft.api.transport.ClientTransport;
import io.graft.api.transport.Transport;
import io.graft.api.transport.TransportProvider;
import io.graft.transport.inmemory.InMemoryTransportProvider;
import org.junit.jupiter.api.Test;

/** {@code --submit client} needs the transport's client side, and says what to do when there is none. */
class ClientSinkTest {

    /** A transport provider that serves members only, as a third-party one might. */
    static final class MembersOnlyProvider implements TransportProvider {
        @Override
        public String name() {
            return "members-only";
        }

        @Override
        public Transport create(Options options) {
            throw new UnsupportedOperationException("not needed here");
        }
    }

    @Test
    void aTransportWithoutAClientSideIsRefusedWithWhatToUseInstead() {
        assertThatThrownBy(() -> ClientSink.clientSideOf(new MembersOnlyProvider(), Options.empty("transportOptions")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("'members-only' transport has none", "--submit node", "zeromq");
    }

    @Test
    void theInMemoryTransportHasAClientSide() {
        ClientTransport client = ClientSink.clientSideOf(new InMemoryTransportProvider(),
                Options.empty("transportOptions"));

        assertThat(client).isNotNull();
        client.close();
    }
}
