package io.graft.examples.kv;

import io.graft.api.CodecException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;

/**
 * Reads the {@link KvBinaryCodec} format from untrusted bytes: every read is bounds-checked and every
 * failure is a {@link CodecException} that names the codec, the type, and the offending offset.
 */
final class KvBinaryReader {

    /** A varint holds at most 5 bytes: enough for any int, and a bound on work spent on garbage. */
    private static final int MAX_VARINT_BYTES = 5;

    private final byte[] in;
    private final String typeName;
    private int position;

    KvBinaryReader(byte[] in, String typeName) {
        this.typeName = typeName;
        if (in == null) {
            throw new CodecException(KvBinaryCodec.NAME + " codec cannot decode " + typeName + " from null bytes");
        }
        this.in = in;
    }

    /** Reads the version byte and rejects any version this build does not read. */
    void readVersion() {
        int version = readUnsignedByte("version");
        if (version != KvBinaryCodec.VERSION) {
            throw malformed("unsupported format version " + version + " (this build reads version "
                    + KvBinaryCodec.VERSION + "); the bytes come from another format or a newer build");
        }
    }

    int readUnsignedByte(String field) {
        if (position >= in.length) {
            throw malformed("truncated: " + field + " missing at offset " + position);
        }
        return in[position++] & 0xFF;
    }

    /** A string that must be present. */
    String readString(String field) {
        int start = position;
        String s = readNullableString(field);
        if (s == null) {
            throw malformed(field + " at offset " + start + " is null, but it is required");
        }
        return s;
    }

    /** A string, or null when the length prefix is 0. */
    String readNullableString(String field) {
        int start = position;
        int n = readVarint(field);
        if (n == 0) {
            return null;
        }
        int length = n - 1;
        if (length > in.length - position) {
            throw malformed("truncated: " + field + " at offset " + start + " declares " + length
                    + " bytes but only " + (in.length - position) + " remain");
        }
        try {
            // newDecoder() reports malformed input instead of replacing it, and allocates at most in
            // proportion to length, which has just been checked against the bytes present.
            String s = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(in, position, length)).toString();
            position += length;
            return s;
        } catch (CharacterCodingException e) {
            throw malformed(field + " at offset " + start + " is not well-formed UTF-8 (" + e + ")");
        }
    }

    private int readVarint(String field) {
        int start = position;
        long value = 0;
        for (int i = 0; i < MAX_VARINT_BYTES; i++) {
            int b = readUnsignedByte(field + " length");
            value |= (long) (b & 0x7F) << (7 * i);
            if ((b & 0x80) == 0) {
                if (b == 0 && i > 0) {
                    throw malformed(field + " length at offset " + start + " is not in shortest form");
                }
                if (value > Integer.MAX_VALUE) {
                    throw malformed(field + " length at offset " + start + " is too large: " + value);
                }
                return (int) value;
            }
        }
        throw malformed(field + " length at offset " + start + " runs over " + MAX_VARINT_BYTES + " bytes");
    }

    /** Rejects bytes left after a complete value. */
    void expectEnd() {
        if (position != in.length) {
            throw malformed((in.length - position) + " trailing bytes after a complete value at offset " + position);
        }
    }

    CodecException malformed(String detail) {
        return new CodecException(KvBinaryCodec.NAME + " codec cannot decode " + typeName + " from "
                + in.length + " bytes: " + detail);
    }
}
