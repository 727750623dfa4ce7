package io.graft.codec.kryo;

import com.esotericsoftware.kryo.KryoException;
import com.esotericsoftware.kryo.io.Input;

/**
 * An {@link Input} over one untrusted byte array that refuses to allocate more than the bytes could hold.
 *
 * <p>Kryo allocates arrays and strings by the length the bytes declare, before reading their contents; a
 * hostile length of 2<sup>31</sup> would otherwise allocate gigabytes. Every such length is checked here
 * against the bytes that remain. Collection sizes are charged against an element budget (see
 * {@link ElementBudget}), since an element can, rarely, take no bytes at all.
 */
final class GuardedInput extends Input {
    private static final byte[] EMPTY = new byte[0];
    /** A larger char buffer, grown by one long string, is dropped rather than kept by the pool. */
    private static final int MAX_RETAINED_CHARS = 64 * 1024;

    private long elementBudget;

    GuardedInput() {
        super(EMPTY);
    }

    /** Reads {@code bytes[offset..]}; a decode may create at most {@code elementBudget} collection elements. */
    void start(byte[] bytes, int offset, long elementBudget) {
        setBuffer(bytes, offset, bytes.length - offset);
        this.elementBudget = elementBudget;
    }

    /** Forgets the last bytes read, so that the pool does not keep them alive. */
    void finish() {
        setBuffer(EMPTY);
        if (chars.length > MAX_RETAINED_CHARS) {
            chars = new char[32];
        }
    }

    /** The bytes not read yet. */
    int remaining() {
        return limit - position;
    }

    /** Charges {@code count} collection elements, failing when the budget is spent. */
    void claimElements(int count) {
        if (count < 0 || count > elementBudget) {
            throw new KryoException("the bytes declare a collection of " + count + " elements, more than "
                    + elementBudget + " the remaining budget allows (the value is corrupt, or raise maxElements)");
        }
        elementBudget -= count;
    }

    private void requireBytes(int length, int bytesEach, String what) {
        if (length < 0 || (long) length * bytesEach > remaining()) {
            throw new KryoException("the bytes declare " + what + " of length " + length + " but only "
                    + remaining() + " bytes remain");
        }
    }

    /** Checks the char count of a non-ASCII string before Kryo allocates its char buffer. */
    private void checkStringLength() {
        if (position < limit && readVarIntFlag()) {
            int start = position;
            int charCount = readVarIntFlag(true);
            position = start;
            // 0 is null and 1 is the empty string; every other char takes at least one byte.
            requireBytes(Math.max(charCount - 1, 0), 1, "a string");
        }
    }

    @Override
    public String readString() {
        checkStringLength();
        return super.readString();
    }

    @Override
    public StringBuilder readStringBuilder() {
        checkStringLength();
        return super.readStringBuilder();
    }

    @Override
    public byte[] readBytes(int length) {
        requireBytes(length, 1, "a byte array");
        return super.readBytes(length);
    }

    @Override
    public int[] readInts(int length) {
        requireBytes(length, 4, "an int array");
        return super.readInts(length);
    }

    @Override
    public int[] readInts(int length, boolean optimizePositive) {
        requireBytes(length, 1, "an int array");
        return super.readInts(length, optimizePositive);
    }

    @Override
    public long[] readLongs(int length) {
        requireBytes(length, 8, "a long array");
        return super.readLongs(length);
    }

    @Override
    public long[] readLongs(int length, boolean optimizePositive) {
        requireBytes(length, 1, "a long array");
        return super.readLongs(length, optimizePositive);
    }

    @Override
    public float[] readFloats(int length) {
        requireBytes(length, 4, "a float array");
        return super.readFloats(length);
    }

    @Override
    public double[] readDoubles(int length) {
        requireBytes(length, 8, "a double array");
        return super.readDoubles(length);
    }

    @Override
    public short[] readShorts(int length) {
        requireBytes(length, 2, "a short array");
        return super.readShorts(length);
    }

    @Override
    public char[] readChars(int length) {
        requireBytes(length, 2, "a char array");
        return super.readChars(length);
    }

    @Override
    public boolean[] readBooleans(int length) {
        requireBytes(length, 1, "a boolean array");
        return super.readBooleans(length);
    }
}
