package io.graft.examples.kv;

import io.graft.api.Codec;
import io.graft.api.CodecException;

/** The {@link KvBinaryCodec} format for {@link KvResult}s. */
final class KvResultCodec implements Codec<KvResult> {

    @Override
    public String descriptor() {
        return KvBinaryCodec.NAME + "-result/v" + KvBinaryCodec.VERSION;
    }

    private static final String TYPE = "KvResult";
    private static final int CHANGED = 1;

    @Override
    public byte[] encode(KvResult result) {
        if (result == null) {
            throw new CodecException(KvBinaryCodec.NAME + " codec cannot encode a null " + TYPE);
        }
        byte[] value = KvBinaryWriter.utf8(result.valueOrNull(), TYPE, "value");
        return KvBinaryWriter.sizedFor(2, value)
                .writeByte(KvBinaryCodec.VERSION)
                .writeByte(result.changed() ? CHANGED : 0)
                .writeString(value)
                .toByteArray();
    }

    @Override
    public KvResult decode(byte[] bytes) {
        KvBinaryReader in = new KvBinaryReader(bytes, TYPE);
        in.readVersion();
        int flags = in.readUnsignedByte("flags");
        if ((flags & ~CHANGED) != 0) {
            throw in.malformed("unknown flags " + flags + " (only bit 0, changed, is defined)");
        }
        KvResult result = new KvResult(flags == CHANGED, in.readNullableString("value"));
        in.expectEnd();
        return result;
    }
}
