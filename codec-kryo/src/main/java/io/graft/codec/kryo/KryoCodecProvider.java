package io.graft.codec.kryo;

import io.graft.api.Codec;
import io.graft.api.CodecProvider;
import io.graft.api.config.Options;

/**
 * Makes {@link KryoCodec}s for a cluster configuration that says {@code codec: kryo}; the codec's settings come
 * from {@code codecOptions} (see {@link KryoCodecBuilder#options}), and registrars are discovered.
 */
public final class KryoCodecProvider implements CodecProvider {

    @Override
    public String name() {
        return KryoCodec.NAME;
    }

    @Override
    public <T> Codec<T> codecFor(Class<T> type, Options options) {
        return KryoCodec.builder(type).options(options).build();
    }
}
