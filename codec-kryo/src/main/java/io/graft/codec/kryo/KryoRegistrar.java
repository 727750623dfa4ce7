package io.graft.codec.kryo;

/**
 * Registers classes, and optionally custom serializers, with every {@link KryoCodec}.
 *
 * <p>List implementations in {@code META-INF/services/io.graft.codec.kryo.KryoRegistrar}; each codec finds them
 * through {@link java.util.ServiceLoader} (with the thread context class loader, unless the builder is given
 * another) and applies them in the order of their class names, so that the class path order never changes the
 * registration ids. A registrar can also be passed in code with {@link KryoCodecBuilder#registrar}; those run
 * first, in the order given. Implementations need a public no-argument constructor to be discovered.
 *
 * <p>A registrar runs once per codec, when it is built; it only describes registrations, it never sees a live
 * {@code Kryo}. Every member of a cluster must register the same classes in the same order: the codec's
 * {@linkplain KryoCodec#fingerprint() fingerprint} makes a difference show up on the first message.
 */
@FunctionalInterface
public interface KryoRegistrar {

    /** Adds registrations to {@code registry}. */
    void register(KryoRegistry registry);
}
