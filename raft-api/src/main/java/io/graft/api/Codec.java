package io.graft.api;

/**
 * Turns values of one type into bytes and back, for the log and the network.
 *
 * <p>Implementations must be thread-safe: Graft encodes on submitting threads and decodes on its apply
 * thread. {@link #decode} receives bytes that may come from a faulty or hostile peer: it must either return
 * a value or throw {@link CodecException}, never any other exception.
 *
 * @param <T> the type of value
 */
public interface Codec<T> {

    /** Encodes {@code value}; the array returned is owned by the caller. */
    byte[] encode(T value);

    /**
     * Decodes a value from {@code bytes}.
     *
     * @throws CodecException if the bytes are not a valid encoding of a {@code T}
     */
    T decode(byte[] bytes);
}
