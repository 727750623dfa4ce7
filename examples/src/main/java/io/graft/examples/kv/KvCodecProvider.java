package io.graft.examples.kv;

import io.graft.api.Codec;
import io.graft.api.CodecException;
import io.graft.api.CodecProvider;
import io.graft.api.config.Options;

/**
 * Provides the {@link KvBinaryCodec} for configurations that say {@code codec: kv-binary}. It handles exactly
 * {@link KvCommand} and {@link KvResult}, so it suits only the {@code kv} state machine; it takes no options.
 */
public final class KvCodecProvider implements CodecProvider {

    @Override
    public String name() {
        return KvBinaryCodec.NAME;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> Codec<T> codecFor(Class<T> type, Options options) {
        if (type == KvCommand.class) {
            return (Codec<T>) KvBinaryCodec.commands();
        }
        if (type == KvResult.class) {
            return (Codec<T>) KvBinaryCodec.results();
        }
        throw new CodecException(KvBinaryCodec.NAME + " codec handles only " + KvCommand.class.getName() + " and "
                + KvResult.class.getName() + ", not " + (type == null ? "null" : type.getName())
                + "; choose a general-purpose codec (e.g. kryo) for this state machine");
    }
}
