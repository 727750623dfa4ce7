package io.graft.core.codec;

import io.graft.api.Codec;
import io.graft.api.CodecException;
import io.graft.api.CodecProvider;
import io.graft.api.config.Options;

/**
 * The {@code bytes} codec (the default): commands and results are {@code byte[]}, stored as they are. It takes
 * no options.
 */
public final class BytesCodecProvider implements CodecProvider {
    /** The name a configuration uses: {@code codec: bytes}. */
    public static final String NAME = "bytes";

    @Override
    public String name() {
        return NAME;
    }

    /**
     * The identity codec.
     *
     * @throws CodecException unless {@code type} is {@code byte[].class}
     */
    @Override
    @SuppressWarnings("unchecked") // checked: T is byte[]
    public <T> Codec<T> codecFor(Class<T> type, Options options) {
        if (type != byte[].class) {
            throw new CodecException("codec '" + NAME + "' handles only byte[], not " + type.getName()
                    + "; choose a codec for that type (e.g. 'string' for String)");
        }
        return (Codec<T>) BytesCodec.INSTANCE;
    }
}
