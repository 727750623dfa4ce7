package io.graft.codec.kryo;

import com.esotericsoftware.kryo.io.Output;

import java.util.function.Consumer;

/** Hand-made encodings, as a faulty or hostile peer could send them, behind a codec's valid fingerprint. */
final class HostileBytes {

    private HostileBytes() {
    }

    /** The fingerprint of {@code codec}, then whatever {@code body} writes. */
    static byte[] after(KryoCodec<?> codec, Consumer<Output> body) {
        Output out = new Output(64, -1);
        int f = codec.fingerprint();
        out.writeByte(f >>> 24);
        out.writeByte(f >>> 16);
        out.writeByte(f >>> 8);
        out.writeByte(f);
        body.accept(out);
        return out.toBytes();
    }

    /** Writes the class id Kryo writes before an object of {@code type}. */
    static void writeClass(Output out, KryoCodec<?> codec, Class<?> type) {
        out.writeVarInt(idOf(codec, type) + 2, true); // Kryo reserves 0 for null and 1 for a class name
    }

    /** The registration id of {@code type} in {@code codec}. */
    static int idOf(KryoCodec<?> codec, Class<?> type) {
        for (String r : codec.registrations()) {
            String[] parts = r.split(":");
            if (parts[1].equals(type.getName())) {
                return Integer.parseInt(parts[0]);
            }
        }
        throw new AssertionError(type.getName() + " is not registered in " + codec);
    }
}
