package io.graft.node;

import io.graft.api.Codec;
import io.graft.api.CodecException;
import io.graft.api.CodecProvider;
import io.graft.api.config.Options;
import java.nio.ByteBuffer;

/** The codec of {@link CounterProvider}'s numbers ({@code codec: counter-longs}): eight bytes, big-endian. */
public final class CounterCodecProvider implements CodecProvider {
    /** The name a cluster file uses for this codec. */
    static final String NAME = "counter-longs";

    private static final Codec<Long> LONGS = new Codec<>() {
        @Override
        public byte[] encode(Long value) {
            return ByteBuffer.allocate(Long.BYTES).putLong(value).array();
        }

        @Override
        public Long decode(byte[] bytes) {
            if (bytes == null || bytes.length != Long.BYTES) {
                throw new CodecException("a counter number takes 8 bytes");
            }
            return ByteBuffer.wrap(bytes).getLong();
        }

        @Override
        public String descriptor() {
            return NAME + "/1";
        }
    };

    @Override
    public String name() {
        return NAME;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> Codec<T> codecFor(Class<T> type, Options options) {
        if (type != Long.class) {
            throw new CodecException(NAME + " encodes Long values only, not " + type.getName());
        }
        return (Codec<T>) LONGS;
    }
}
