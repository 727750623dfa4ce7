package io.graft.core.codec;

import io.graft.api.Codec;

/** The codecs that ship with the core, for programs that embed Graft and pick codecs in code. */
public final class BuiltinCodecs {

    private BuiltinCodecs() {
    }

    /** {@code byte[]} as is (copied, so later changes to an array do not reach the log). */
    public static Codec<byte[]> bytes() {
        return BytesCodec.INSTANCE;
    }

    /** {@code String} as strict UTF-8: unpaired surrogates and malformed bytes raise a {@code CodecException}. */
    public static Codec<String> utf8() {
        return Utf8Codec.INSTANCE;
    }
}
