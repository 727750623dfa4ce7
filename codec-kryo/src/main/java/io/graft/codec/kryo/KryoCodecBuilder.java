package io.graft.codec.kryo;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.Serializer;
import io.graft.api.CodecException;
import io.graft.api.config.Options;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * Builds a {@link KryoCodec}; made by {@link KryoCodec#builder(Class)}.
 *
 * <p>Registrations are made in this order, each new class taking the next id: Kryo's built-ins (primitives,
 * their wrappers, {@code String}); the codec's common JDK types (arrays, collections, maps, {@code Optional},
 * {@code UUID}, big numbers, {@code java.time} basics); the codec's type and, if it is sealed, its permitted
 * subclasses; the classes given to {@link #register} in call order; the classes listed under
 * {@code register} in the {@link #options options}; the registrars given to {@link #registrar}, in call
 * order; and finally the registrars found through {@link java.util.ServiceLoader}, sorted by class name.
 */
public final class KryoCodecBuilder<T> {
    private final Class<T> type;
    private final List<RegistrationRequest> explicit = new ArrayList<>();
    private final List<KryoRegistrar> registrars = new ArrayList<>();
    private boolean discoverRegistrars = true;
    private ClassLoader classLoader;
    private Options options;
    private Integer maxDepth;
    private Integer maxElements;

    KryoCodecBuilder(Class<T> type) {
        this.type = Objects.requireNonNull(type, "type");
    }

    /** Registers {@code types}, in order, with the serializers Kryo picks for them. */
    public KryoCodecBuilder<T> register(Class<?>... types) {
        for (Class<?> t : types) {
            explicit.add(new RegistrationRequest(Objects.requireNonNull(t, "type"), null, "builder"));
        }
        return this;
    }

    /**
     * Registers {@code type} with a serializer of your own, made once per pooled Kryo instance by
     * {@code serializer}.
     */
    public KryoCodecBuilder<T> register(Class<?> type, Function<Kryo, ? extends Serializer<?>> serializer) {
        explicit.add(new RegistrationRequest(Objects.requireNonNull(type, "type"),
                Objects.requireNonNull(serializer, "serializer"), "builder"));
        return this;
    }

    /** Adds a registrar, applied after the explicit registrations and before the discovered registrars. */
    public KryoCodecBuilder<T> registrar(KryoRegistrar registrar) {
        registrars.add(Objects.requireNonNull(registrar, "registrar"));
        return this;
    }

    /**
     * Whether to apply the registrars listed in {@code META-INF/services/io.graft.codec.kryo.KryoRegistrar}
     * (default {@code true}, as for codecs made from a cluster configuration).
     */
    public KryoCodecBuilder<T> discoverRegistrars(boolean discover) {
        this.discoverRegistrars = discover;
        return this;
    }

    /**
     * The class loader for the {@code register} list and registrar discovery; by default the thread context
     * class loader when {@link #build()} runs.
     */
    public KryoCodecBuilder<T> classLoader(ClassLoader loader) {
        this.classLoader = Objects.requireNonNull(loader, "loader");
        return this;
    }

    /**
     * Settings from a cluster configuration's {@code codecOptions}: {@code register} (a list of class names),
     * {@code maxDepth} and {@code maxElements}. Limits set in code win over these.
     *
     * @throws io.graft.api.config.ConfigurationException (from {@link #build()}) for an unknown key, a bad
     *         number, or a class that cannot be loaded
     */
    public KryoCodecBuilder<T> options(Options options) {
        this.options = Objects.requireNonNull(options, "options");
        return this;
    }

    /**
     * How deeply objects may nest (default 512); deeper values are refused on
     * encode and on decode. Every member should use the same value.
     */
    public KryoCodecBuilder<T> maxDepth(int maxDepth) {
        if (maxDepth < 1) {
            throw new IllegalArgumentException("maxDepth must be at least 1, got " + maxDepth);
        }
        this.maxDepth = maxDepth;
        return this;
    }

    /**
     * How many collection elements one value may hold beyond one per encoded byte (default
     * 1,048,576); only values full of elements that encode to nothing, such as
     * empty records, come near it. Every member should use the same value.
     */
    public KryoCodecBuilder<T> maxElements(int maxElements) {
        if (maxElements < 0) {
            throw new IllegalArgumentException("maxElements must not be negative, got " + maxElements);
        }
        this.maxElements = maxElements;
        return this;
    }

    /**
     * Runs the registrars, plans the registrations and makes the first Kryo instance.
     *
     * @throws io.graft.api.config.ConfigurationException if the options are invalid
     * @throws CodecException if a registrar or a serializer fails
     */
    public KryoCodec<T> build() {
        ClassLoader loader = classLoader != null ? classLoader : defaultClassLoader();
        KryoLimits limits = KryoLimits.defaults();
        List<RegistrationRequest> requests = new ArrayList<>(CommonTypes.all());
        requests.addAll(CodecTypes.of(type));
        requests.addAll(explicit);
        if (options != null) {
            KryoOptions.checkKeys(options);
            limits = KryoOptions.limits(options, limits);
            for (Class<?> c : KryoOptions.classes(options, loader)) {
                requests.add(new RegistrationRequest(c, null, options.section() + "." + KryoOptions.REGISTER));
            }
        }
        limits = new KryoLimits(maxDepth != null ? maxDepth : limits.maxDepth(),
                maxElements != null ? maxElements : limits.maxElements());
        for (KryoRegistrar registrar : registrars) {
            run(registrar, requests);
        }
        if (discoverRegistrars) {
            for (KryoRegistrar registrar : RegistrarDiscovery.discover(loader)) {
                run(registrar, requests);
            }
        }
        return new KryoCodec<>(type, requests, limits, loader);
    }

    private void run(KryoRegistrar registrar, List<RegistrationRequest> requests) {
        String origin = "registrar " + registrar.getClass().getName();
        try {
            registrar.register(new RequestCollector(requests, origin));
        } catch (RuntimeException e) {
            throw new CodecException("kryo codec for " + type.getName() + ": " + origin + " failed: " + e, e);
        }
    }

    private static ClassLoader defaultClassLoader() {
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        return context != null ? context : KryoCodec.class.getClassLoader();
    }
}
