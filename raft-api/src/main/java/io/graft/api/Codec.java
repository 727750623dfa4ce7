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

    /**
     * Names this encoding exactly enough that two members using different ones can tell: a codec's name
     * plus whatever changes its bytes (a format version, a registration fingerprint). Every new leader
     * writes its command codec's descriptor into the log; a member whose own differs stops with an error
     * naming both, instead of misreading commands. The default is the class name.
     */
    default String descriptor() {
        return getClass().getName();
    }
}
