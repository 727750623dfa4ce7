package io.graft.core.codec;

import io.graft.api.Codec;
import io.graft.api.CodecException;

/**
 * The identity codec for {@code byte[]}. It copies in both directions: a log entry's payload must never change
 * once created, yet callers and state machines may mutate the arrays they hand over or receive.
 */
final class BytesCodec implements Codec<byte[]> {

    @Override
    public String descriptor() {
        return "bytes";
    }
    static final BytesCodec INSTANCE = new BytesCodec();

    private BytesCodec() {
    }

    @Override
    public byte[] encode(byte[] value) {
        if (value == null) {
            throw new CodecException("codec '" + BytesCodecProvider.NAME + "' cannot encode null; submit an empty array instead");
        }
        return value.clone();
    }

    @Override
    public byte[] decode(byte[] bytes) {
        if (bytes == null) {
            throw new CodecException("codec '" + BytesCodecProvider.NAME + "' cannot decode null");
        }
        return bytes.clone();
    }

    @Override
    public String toString() {
        return "Codec[" + BytesCodecProvider.NAME + "]";
    }
}
