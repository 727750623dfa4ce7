package io.graft.core.codec;

import io.graft.api.Codec;
import io.graft.api.CodecException;
import io.graft.api.CodecProvider;
import io.graft.api.config.Options;

/** The {@code string} codec: commands and results are {@code String}s, stored as UTF-8. It takes no options. */
public final class Utf8CodecProvider implements CodecProvider {
    /** The name a configuration uses: {@code codec: string}. */
    public static final String NAME = "string";

    @Override
    public String name() {
        return NAME;
    }

    /**
     * The strict UTF-8 codec.
     *
     * @throws CodecException unless {@code type} is {@code String.class}
     */
    @Override
    @SuppressWarnings("unchecked") // checked: T is String
    public <T> Codec<T> codecFor(Class<T> type, Options options) {
        if (type != String.class) {
            throw new CodecException("codec '" + NAME + "' handles only java.lang.String, not " + type.getName()
                    + "; choose a codec for that type (e.g. 'bytes' for byte[])");
        }
        return (Codec<T>) Utf8Codec.INSTANCE;
    }
}
