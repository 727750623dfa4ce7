package io.graft.codec.kryo;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.Serializer;

import java.util.function.Function;

/**
 * Where a {@link KryoRegistrar} (or a {@link KryoCodecBuilder}) records the classes a codec accepts.
 *
 * <p>Each class gets the next free id, in the order registered. Registering a class a second time keeps its
 * first id: without a serializer the second registration changes nothing, with one it replaces the serializer
 * (so a registrar may give one of the codec's common types, such as {@code java.util.ArrayList}, its own
 * serializer).
 */
public interface KryoRegistry {

    /**
     * Registers {@code type} with the serializer Kryo picks for it (records, enums, collections, maps, arrays
     * and plain classes all have one).
     */
    KryoRegistry register(Class<?> type);

    /**
     * Registers {@code type} with a serializer of your own. Kryo instances are pooled, so {@code serializer} is
     * called once for each pooled instance; return a new serializer unless yours is stateless.
     */
    KryoRegistry register(Class<?> type, Function<Kryo, ? extends Serializer<?>> serializer);
}
