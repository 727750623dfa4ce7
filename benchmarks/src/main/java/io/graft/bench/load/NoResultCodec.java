package io.graft.bench.load;

import io.graft.api.Codec;
import io.graft.api.CodecException;

/**
 * The result codec of the benchmark's state machine, whose results are always {@code null}: an empty array
 * on the wire. Members need a result codec to answer remote clients at all.
 */
final class NoResultCodec implements Codec<Void> {
    static final NoResultCodec INSTANCE = new NoResultCodec();
    private static final byte[] EMPTY = new byte[0];

    private NoResultCodec() {
    }

    @Override
    public byte[] encode(Void value) {
        return EMPTY; // An empty array cannot be changed, so one serves every caller.
    }

    @Override
    public Void decode(byte[] bytes) {
        if (bytes.length != 0) {
            throw new CodecException("the benchmark's results are empty, got " + bytes.length + " bytes");
        }
        return null;
    }
}
