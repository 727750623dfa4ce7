package io.graft.bench.load;

import io.graft.api.config.ClusterConfig;
import io.graft.api.config.ConfigurationException;
import io.graft.api.config.Options;
import io.graft.core.plugin.Plugins;
import io.graft.transport.inmemory.InMemoryNetwork;
import io.graft.transport.inmemory.InMemoryTransportProvider;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * How the benchmarked members talk. Every mode only fills in the cluster configuration (member addresses,
 * transport name, transport options): the nodes then create their transports by name through
 * {@link Plugins}, exactly as a deployment reading a YAML file does, so a transport module only has to be on
 * the class path to be benchmarked.
 */
public enum TransportMode {
    /** The in-memory transport, encoding every message to bytes and decoding it on arrival. */
    INMEMORY("inmemory", InMemoryTransportProvider.NAME),
    /** The in-memory transport handing message objects over by reference (no encoding). */
    INMEMORY_REF("inmemory-ref", InMemoryTransportProvider.NAME),
    /** The ZeroMQ transport over TCP on 127.0.0.1; needs graft-transport-zeromq on the class path. */
    ZEROMQ("zeromq", "zeromq"),
    /**
     * The ZeroMQ transport with one process per member: member 1 in the load generator's JVM, the others in
     * child JVMs started from the same class path ({@link ChildMember}).
     */
    ZEROMQ_PROCESS("zeromq-process", "zeromq");

    private final String cliName;
    private final String providerName;

    TransportMode(String cliName, String providerName) {
        this.cliName = cliName;
        this.providerName = providerName;
    }

    /** The name on the command line and in reports. */
    public String cliName() {
        return cliName;
    }

    /** Whether members other than member 1 run in child processes. */
    public boolean childProcesses() {
        return this == ZEROMQ_PROCESS;
    }

    /** The {@code TransportProvider} name the nodes look up. */
    public String providerName() {
        return providerName;
    }

    /** The mode called {@code name} on the command line. */
    public static TransportMode parse(String name) {
        String n = name.trim().toLowerCase(Locale.ROOT);
        for (TransportMode m : values()) {
            if (m.cliName.equals(n)) {
                return m;
            }
        }
        throw new IllegalArgumentException("unknown transport '" + name + "'; choose one of " + cliNames());
    }

    /** Every mode's command-line name. */
    public static List<String> cliNames() {
        List<String> names = new ArrayList<>();
        for (TransportMode m : values()) {
            names.add(m.cliName);
        }
        return names;
    }

    /**
     * Fills in the members, transport name and transport options of {@code builder} for {@code nodes}
     * members (ids 1..nodes).
     *
     * @return what to close once the cluster is closed
     * @throws ConfigurationException if this mode's transport is not on the class path
     */
    AutoCloseable configure(ClusterConfig.Builder builder, int nodes) {
        requireOnClassPath();
        builder.transport(providerName);
        if (this == ZEROMQ || this == ZEROMQ_PROCESS) {
            List<Integer> ports = freeLocalPorts(nodes);
            for (int id = 1; id <= nodes; id++) {
                builder.member(id, "127.0.0.1", ports.get(id - 1));
            }
            return () -> { };
        }
        // A network of our own, registered under a unique name that the provider's "network" option finds.
        InMemoryNetwork network = InMemoryNetwork.builder()
                .name("bench-" + UUID.randomUUID())
                .passByReference(this == INMEMORY_REF)
                .countBytesByReference(false)
                .buildAndRegister();
        for (int id = 1; id <= nodes; id++) {
            builder.member(id, "node-" + id, 7400 + id);
        }
        builder.transportOptions(new Options(Map.of(InMemoryTransportProvider.NETWORK, List.of(network.name())),
                "transportOptions"));
        return network;
    }

    private void requireOnClassPath() {
        if (!new Plugins().availableTransportNames().contains(providerName)) {
            throw new ConfigurationException("transport", "the '" + providerName + "' transport is not on the class"
                    + " path (available: " + new Plugins().availableTransportNames() + "); add the"
                    + " io.graft:graft-transport-" + providerName + " dependency to benchmarks/pom.xml and rebuild");
        }
    }

    /** Ports on 127.0.0.1 free right now (a small race with other programs is accepted for a benchmark). */
    private static List<Integer> freeLocalPorts(int count) {
        List<ServerSocket> held = new ArrayList<>();
        try {
            List<Integer> ports = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                held.add(s);
                ports.add(s.getLocalPort());
            }
            return ports;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot find free ports on 127.0.0.1", e);
        } finally {
            for (ServerSocket s : held) {
                try {
                    s.close();
                } catch (IOException ignored) {
                    // Only probing.
                }
            }
        }
    }
}
