package io.graft.examples.kv;

import io.graft.api.Codec;
import io.graft.api.CodecException;

/** The {@link KvBinaryCodec} format for {@link KvCommand}s. */
final class KvCommandCodec implements Codec<KvCommand> {

    @Override
    public String descriptor() {
        return KvBinaryCodec.NAME + "/v" + KvBinaryCodec.VERSION;
    }

    private static final String TYPE = "KvCommand";

    static final int PUT = 1;
    static final int GET = 2;
    static final int DELETE = 3;
    static final int COMPARE_AND_SET = 4;

    @Override
    public byte[] encode(KvCommand command) {
        if (command == null) {
            throw new CodecException(KvBinaryCodec.NAME + " codec cannot encode a null " + TYPE);
        }
        byte[] key = KvBinaryWriter.utf8(command.key(), TYPE, "key");
        if (command instanceof KvCommand.Put put) {
            byte[] value = KvBinaryWriter.utf8(put.value(), TYPE, "value");
            return header(PUT, key, value).writeString(key).writeString(value).toByteArray();
        }
        if (command instanceof KvCommand.Get) {
            return header(GET, key).writeString(key).toByteArray();
        }
        if (command instanceof KvCommand.Delete) {
            return header(DELETE, key).writeString(key).toByteArray();
        }
        KvCommand.CompareAndSet cas = (KvCommand.CompareAndSet) command;
        byte[] expected = KvBinaryWriter.utf8(cas.expected(), TYPE, "expected");
        byte[] newValue = KvBinaryWriter.utf8(cas.newValue(), TYPE, "newValue");
        return header(COMPARE_AND_SET, key, expected, newValue)
                .writeString(key).writeString(expected).writeString(newValue).toByteArray();
    }

    private static KvBinaryWriter header(int kind, byte[]... strings) {
        return KvBinaryWriter.sizedFor(2, strings).writeByte(KvBinaryCodec.VERSION).writeByte(kind);
    }

    @Override
    public KvCommand decode(byte[] bytes) {
        KvBinaryReader in = new KvBinaryReader(bytes, TYPE);
        in.readVersion();
        int kind = in.readUnsignedByte("kind");
        KvCommand command;
        switch (kind) {
            case PUT -> command = new KvCommand.Put(in.readString("key"), in.readString("value"));
            case GET -> command = new KvCommand.Get(in.readString("key"));
            case DELETE -> command = new KvCommand.Delete(in.readString("key"));
            case COMPARE_AND_SET -> command = new KvCommand.CompareAndSet(
                    in.readString("key"), in.readNullableString("expected"), in.readNullableString("newValue"));
            default -> throw in.malformed("unknown command kind " + kind + " (expected 1 to 4)");
        }
        in.expectEnd();
        return command;
    }
}
