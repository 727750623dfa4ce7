package io.graft.core.plugin;

import io.graft.api.CodecProvider;
import io.graft.api.StateMachineProvider;
import io.graft.api.transport.TransportProvider;
import java.util.Collections;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Finds transports, codecs and state machines by the names a cluster configuration uses, through
 * {@link java.util.ServiceLoader}: a plug-in is available when its jar (with its
 * {@code META-INF/services} entry) is on the class path.
 *
 * <p>Every lookup scans the class path afresh; it happens once per node start, and a fresh scan sees jars
 * added since. A name that is not found, two providers with the same name, or a provider that fails to start
 * raise a {@link io.graft.api.config.ConfigurationException} naming the configuration key and explaining
 * what is available.
 */
public final class Plugins {

    private static final ProviderCatalog<TransportProvider> TRANSPORTS =
            new ProviderCatalog<>(TransportProvider.class, "transport", "transport", TransportProvider::name);
    private static final ProviderCatalog<CodecProvider> CODECS =
            new ProviderCatalog<>(CodecProvider.class, "codec", "codec", CodecProvider::name);
    private static final ProviderCatalog<StateMachineProvider<?, ?>> STATE_MACHINES =
            new ProviderCatalog<>(stateMachineProviderType(), "stateMachine", "state machine",
                    StateMachineProvider::name);

    private final ClassLoader loader;

    /** Looks in the current thread's context class loader (or this class's loader if it has none). */
    public Plugins() {
        this(Thread.currentThread().getContextClassLoader());
    }

    /** Looks in {@code loader}; {@code null} means this class's loader. */
    public Plugins(ClassLoader loader) {
        this.loader = loader != null ? loader : Plugins.class.getClassLoader();
    }

    /** The transport provider named {@code name} (the YAML's {@code transport}). */
    public TransportProvider transport(String name) {
        return TRANSPORTS.find(name, loader);
    }

    /** The codec provider named {@code name} (the YAML's {@code codec}). */
    public CodecProvider codec(String name) {
        return CODECS.find(name, loader);
    }

    /** The state machine provider named {@code name} (the YAML's {@code stateMachine}). */
    public StateMachineProvider<?, ?> stateMachine(String name) {
        return STATE_MACHINES.find(name, loader);
    }

    /** The names of the transports available, sorted. */
    public SortedSet<String> availableTransportNames() {
        return names(TRANSPORTS);
    }

    /** The names of the codecs available, sorted. */
    public SortedSet<String> availableCodecNames() {
        return names(CODECS);
    }

    /** The names of the state machines available, sorted. */
    public SortedSet<String> availableStateMachineNames() {
        return names(STATE_MACHINES);
    }

    private SortedSet<String> names(ProviderCatalog<?> catalog) {
        return Collections.unmodifiableSortedSet(new TreeSet<>(catalog.load(loader).keySet()));
    }

    @SuppressWarnings("unchecked")
    private static Class<StateMachineProvider<?, ?>> stateMachineProviderType() {
        // The class literal of a generic interface is raw; ServiceLoader needs it typed.
        return (Class<StateMachineProvider<?, ?>>) (Class<?>) StateMachineProvider.class;
    }
}
