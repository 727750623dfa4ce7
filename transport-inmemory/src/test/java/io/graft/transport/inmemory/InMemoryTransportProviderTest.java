package io.graft.transport.inmemory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.graft.api.config.ConfigurationException;
import io.graft.api.config.Options;
import io.graft.api.transport.Transport;
import io.graft.api.transport.TransportContext;
import io.graft.api.transport.TransportProvider;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class InMemoryTransportProviderTest {
    private final String networkName = "provider-test-" + UUID.randomUUID();
    private final InMemoryTransportProvider provider = new InMemoryTransportProvider();

    @AfterEach
    void closeNetworks() {
        InMemoryNetwork.named(networkName).close();
    }

    private static Options options(Map<String, String> values) {
        Map<String, List<String>> lists = new java.util.HashMap<>();
        values.forEach((k, v) -> lists.put(k, List.of(v)));
        return new Options(lists, "transportOptions");
    }

    private static RecordingInbox start(Transport t, int self) {
        RecordingInbox inbox = new RecordingInbox();
        t.start(new TransportContext(self, TestNodes.cluster(3), inbox));
        return inbox;
    }

    @Test
    void isFoundThroughTheServiceLoaderByItsName() {
        assertThat(ServiceLoader.load(TransportProvider.class).stream().map(ServiceLoader.Provider::get))
                .anySatisfy(p -> {
                    assertThat(p).isInstanceOf(InMemoryTransportProvider.class);
                    assertThat(p.name()).isEqualTo("inmemory");
                });
    }

    @Test
    void transportsNamingANetworkShareTheRegisteredOne() {
        InMemoryNetwork network = InMemoryNetwork.builder().name(networkName).seed(1).buildAndRegister();
        Transport one = provider.create(options(Map.of("network", networkName)));
        Transport two = provider.create(options(Map.of("network", networkName)));
        start(one, 1);
        RecordingInbox inboxOfTwo = start(two, 2);

        one.send(TestMessage.of(1, 2, 0));

        assertThat(inboxOfTwo.arrivals()).singleElement().satisfies(a -> assertThat(a.encoded()).isTrue());
        assertThat(network.stats(1).messagesSent()).isEqualTo(1);
        assertThat(network.attachedMembers()).containsExactly(1, 2);
        network.isolate(2);
        one.send(TestMessage.of(1, 2, 1));
        assertThat(inboxOfTwo.count()).isEqualTo(1);
        one.close();
        two.close();
    }

    @Test
    void passByReferenceOptionOverridesTheNetworkSetting() {
        InMemoryNetwork.builder().name(networkName).buildAndRegister();
        Transport one = provider.create(options(Map.of("network", networkName, "passByReference", "true")));
        Transport two = provider.create(options(Map.of("network", networkName, "passByReference", "no")));
        RecordingInbox inboxOfOne = start(one, 1);
        RecordingInbox inboxOfTwo = start(two, 2);

        one.send(TestMessage.of(1, 2, 0));
        two.send(TestMessage.of(2, 1, 0));

        assertThat(inboxOfTwo.arrivals()).singleElement().satisfies(a -> assertThat(a.encoded()).isFalse());
        assertThat(inboxOfOne.arrivals()).singleElement().satisfies(a -> assertThat(a.encoded()).isTrue());
        one.close();
        two.close();
    }

    @Test
    void anUnregisteredNameGetsANetworkWithDefaults() {
        Transport t = provider.create(options(Map.of("network", networkName, "someOtherTransportsOption", "1")));

        assertThat(((InMemoryTransport) t).network()).isSameAs(InMemoryNetwork.named(networkName));
        assertThat(((InMemoryTransport) t).isPassByReference()).isFalse();
    }

    @Test
    void withoutOptionsTheDefaultNetworkIsUsed() {
        InMemoryTransport t = (InMemoryTransport) provider.create(Options.empty("transportOptions"));
        try {
            assertThat(t.network().name()).isEqualTo(InMemoryNetwork.DEFAULT_NAME);
            assertThat(t.network()).isSameAs(InMemoryNetwork.defaultNetwork());
        } finally {
            InMemoryNetwork.defaultNetwork().close();
        }
    }

    @Test
    void badOptionsAreConfigurationErrorsNamingTheKey() {
        assertThatThrownBy(() -> provider.create(options(Map.of("passByReference", "maybe"))))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("transportOptions.passByReference");
        assertThatThrownBy(() -> provider.create(options(Map.of("network", "  "))))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("transportOptions.network");
    }

    @Test
    void aWrongPassByReferenceValueNamesTheKeyAndTheLineItWasWrittenOn() {
        Options fromFile = new Options(Map.of("passByReference", List.of("maybe")), "transportOptions",
                Map.of("passByReference", 7));

        assertThatThrownBy(() -> provider.create(fromFile)).isInstanceOfSatisfying(ConfigurationException.class, e -> {
            assertThat(e.key()).isEqualTo("transportOptions.passByReference");
            assertThat(e.line()).isEqualTo(7);
            assertThat(e.getMessage()).contains("(line 7)", "expected true or false, got 'maybe'");
        });
    }

    @Test
    void passByReferenceAloneTurnsOnByReferenceDeliveryOnTheDefaultNetwork() {
        InMemoryTransport on = (InMemoryTransport) provider.create(options(Map.of("network", networkName,
                "passByReference", "on")));
        InMemoryTransport absent = (InMemoryTransport) provider.create(options(Map.of("network", networkName)));

        assertThat(on.isPassByReference()).isTrue();
        assertThat(absent.isPassByReference()).isFalse();
    }

    @Test
    void registryHandsOutOneOpenNetworkPerName() {
        InMemoryNetwork first = InMemoryNetwork.named(networkName);
        assertThat(InMemoryNetwork.named(networkName)).isSameAs(first);
        assertThatThrownBy(() -> InMemoryNetwork.builder().name(networkName).buildAndRegister())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("already registered");
        assertThatThrownBy(() -> InMemoryNetwork.builder().buildAndRegister())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("name()");

        first.close();
        InMemoryNetwork second = InMemoryNetwork.named(networkName);
        assertThat(second).isNotSameAs(first);
        assertThat(second.isClosed()).isFalse();
        assertThatThrownBy(() -> first.transport(1).start(
                new TransportContext(1, TestNodes.cluster(1), new RecordingInbox())))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
    }
}
