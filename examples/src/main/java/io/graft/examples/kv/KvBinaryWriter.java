package io.graft.examples.kv;

import io.graft.api.CodecException;
import java.nio.charset.StandardCharsets;

/**
 * Writes the {@link KvBinaryCodec} format into an array sized exactly up front, so that large values are
 * copied once.
 */
final class KvBinaryWriter {

    private final byte[] out;
    private int position;

    private KvBinaryWriter(int size) {
        out = new byte[size];
    }

    /** A writer for a header of {@code headerBytes} followed by the given strings (UTF-8, null allowed). */
    static KvBinaryWriter sizedFor(int headerBytes, byte[]... strings) {
        long size = headerBytes;
        for (byte[] s : strings) {
            size += encodedStringSize(s);
        }
        if (size > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("encoding would need " + size + " bytes, more than an array holds");
        }
        return new KvBinaryWriter((int) size);
    }

    /**
     * The UTF-8 bytes of {@code value}, or null for null.
     *
     * @throws CodecException if the string holds an unpaired surrogate, which UTF-8 cannot represent
     */
    static byte[] utf8(String value, String typeName, String field) {
        if (value == null) {
            return null;
        }
        int bad = unpairedSurrogateAt(value);
        if (bad >= 0) {
            throw new CodecException(KvBinaryCodec.NAME + " codec cannot encode " + typeName + ": " + field
                    + " holds an unpaired UTF-16 surrogate at char " + bad
                    + ", which UTF-8 cannot represent; pass well-formed text");
        }
        return value.getBytes(StandardCharsets.UTF_8);
    }

    private static int unpairedSurrogateAt(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return i;
            }
        }
        return -1;
    }

    private static long encodedStringSize(byte[] utf8) {
        if (utf8 == null) {
            return 1;
        }
        return varintSize(utf8.length + 1L) + utf8.length;
    }

    private static int varintSize(long value) {
        int size = 1;
        while (value >= 0x80) {
            value >>>= 7;
            size++;
        }
        return size;
    }

    KvBinaryWriter writeByte(int b) {
        out[position++] = (byte) b;
        return this;
    }

    /** Writes a string given as its UTF-8 bytes, or null. */
    KvBinaryWriter writeString(byte[] utf8) {
        if (utf8 == null) {
            return writeByte(0);
        }
        long n = utf8.length + 1L;
        while (n >= 0x80) {
            writeByte((int) (n & 0x7F) | 0x80);
            n >>>= 7;
        }
        writeByte((int) n);
        System.arraycopy(utf8, 0, out, position, utf8.length);
        position += utf8.length;
        return this;
    }

    /** The encoding; every byte sized for has been written. */
    byte[] toByteArray() {
        if (position != out.length) {
            throw new IllegalStateException("wrote " + position + " of " + out.length + " bytes sized for");
        }
        return out;
    }
}
