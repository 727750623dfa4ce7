package io.graft.api;

import io.graft.api.config.Options;

/**
 * Makes codecs of one kind (e.g. {@code kryo}); found by {@link #name()} through {@link java.util.ServiceLoader}
 * (list the implementation in {@code META-INF/services/io.graft.api.CodecProvider}).
 */
public interface CodecProvider {

    /** The name a cluster configuration uses to choose this codec, e.g. {@code kryo}. */
    String name();

    /**
     * A codec for values of {@code type}.
     *
     * @throws CodecException if this kind of codec cannot handle {@code type}
     */
    <T> Codec<T> codecFor(Class<T> type, Options options);
}
