package io.graft.transport.inmemory;

import io.graft.api.config.ConfigurationException;
import io.graft.api.config.Options;
import io.graft.api.transport.ClientTransport;
import io.graft.api.transport.Transport;
import io.graft.api.transport.TransportProvider;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code inmemory} transport, for clusters whose nodes all run in one JVM. Its options, under
 * {@code transportOptions:} in a cluster file:
 * <ul>
 *   <li>{@code network}: the name of the {@link InMemoryNetwork} to attach to (default
 *       {@value InMemoryNetwork#DEFAULT_NAME}); created with default settings if no open network has that
 *       name, or registered beforehand with {@link InMemoryNetwork.Builder#buildAndRegister()} to choose
 *       its settings and inject faults;</li>
 *   <li>{@code passByReference}: {@code true} (or {@code yes}, {@code on}) to hand each message object to its
 *       receiver as it is, without encoding it: the fastest way for members in one JVM, and what benchmarks of the
 *       Raft core use; {@code false} (or {@code no}, {@code off}) to encode every message and decode it on
 *       arrival, as a network transport would, which also exercises the codecs. When absent, the network's own
 *       setting applies: {@code false} for a network created from a file, whatever
 *       {@link InMemoryNetwork.Builder#passByReference} chose for a registered one. Another value is refused with
 *       a {@link ConfigurationException} naming {@code transportOptions.passByReference} and its line.</li>
 * </ul>
 * For example:
 * <pre>
 * transport: inmemory
 * transportOptions:
 *   network: test-cluster
 *   passByReference: true
 * </pre>
 * Options it does not know (another transport's, left in the file) are logged and ignored.
 */
public final class InMemoryTransportProvider implements TransportProvider {
    /** The name configurations choose this transport by. */
    public static final String NAME = "inmemory";
    /** The option naming the network to attach to. */
    public static final String NETWORK = "network";
    /** The option choosing by-reference delivery. */
    public static final String PASS_BY_REFERENCE = "passByReference";

    private static final Logger log = LoggerFactory.getLogger(InMemoryTransportProvider.class);
    private static final Set<String> KNOWN_OPTIONS = Set.of(NETWORK, PASS_BY_REFERENCE);

    @Override
    public String name() {
        return NAME;
    }

    /** A client side attached to the network named by the options. */
    @Override
    public ClientTransport createClient(Options options) {
        String networkName = options.string(NETWORK).map(String::trim).orElse(InMemoryNetwork.DEFAULT_NAME);
        return InMemoryNetwork.named(networkName).clientTransport();
    }

    @Override
    public Transport create(Options options) {
        for (String key : options.values().keySet()) {
            if (!KNOWN_OPTIONS.contains(key)) {
                log.warn("{}.{} is not an option of the {} transport (it knows {}); ignoring it",
                        options.section(), key, NAME, KNOWN_OPTIONS);
            }
        }
        String networkName = options.string(NETWORK).map(String::trim).orElse(InMemoryNetwork.DEFAULT_NAME);
        if (networkName.isEmpty()) {
            throw options.error(NETWORK, "must name an in-memory network, e.g. '" + InMemoryNetwork.DEFAULT_NAME
                    + "'");
        }
        InMemoryNetwork network = InMemoryNetwork.named(networkName);
        if (options.has(PASS_BY_REFERENCE)) {
            return network.unboundTransport(options.flag(PASS_BY_REFERENCE, false));
        }
        return network.transport();
    }
}
