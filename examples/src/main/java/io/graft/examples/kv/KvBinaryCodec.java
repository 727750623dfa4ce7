package io.graft.examples.kv;

import io.graft.api.Codec;

/**
 * A compact binary format for {@link KvCommand}s and {@link KvResult}s, written by hand to show that a Graft
 * codec needs no serialization library. Configure it as {@code codec: kv-binary} (see {@link KvCodecProvider}).
 *
 * <pre>
 * command : version u8 (=1) | kind u8 | strings of that kind
 *   kind 1 put           : key | value
 *   kind 2 get           : key
 *   kind 3 delete        : key
 *   kind 4 compareAndSet : key | expected? | newValue?
 * result  : version u8 (=1) | flags u8 (bit 0 = changed, other bits 0) | value?
 * string  : n varint (unsigned LEB128, at most 5 bytes, shortest form) | n - 1 bytes of UTF-8
 *           (n = 0 encodes null, allowed only where marked ?)
 * </pre>
 *
 * <p>Decoding trusts nothing: every length is checked against the bytes present before anything is
 * allocated, UTF-8 must be well formed, and trailing bytes are rejected, so each value has exactly one
 * encoding. Every failure is a {@link io.graft.api.CodecException} naming the codec and the type. Strings
 * holding an unpaired UTF-16 surrogate cannot be encoded (UTF-8 has no form for them) and are rejected with
 * a {@link io.graft.api.CodecException} rather than silently altered.
 *
 * <p>The codecs are stateless and thread-safe.
 */
public final class KvBinaryCodec {

    /** The name of this codec in configurations and error messages. */
    public static final String NAME = "kv-binary";

    /** The format version written, and the only one read. */
    public static final byte VERSION = 1;

    private static final Codec<KvCommand> COMMANDS = new KvCommandCodec();
    private static final Codec<KvResult> RESULTS = new KvResultCodec();

    private KvBinaryCodec() {
    }

    /** The codec for commands. */
    public static Codec<KvCommand> commands() {
        return COMMANDS;
    }

    /** The codec for results. */
    public static Codec<KvResult> results() {
        return RESULTS;
    }
}
