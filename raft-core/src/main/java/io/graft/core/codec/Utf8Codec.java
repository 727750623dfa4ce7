package io.graft.core.codec;

import io.graft.api.Codec;
import io.graft.api.CodecException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Strings as UTF-8. Both directions are strict: a string with an unpaired surrogate cannot be encoded and
 * malformed bytes cannot be decoded, rather than being silently replaced (which would change a command).
 */
final class Utf8Codec implements Codec<String> {

    @Override
    public String descriptor() {
        return "string/utf-8";
    }
    static final Utf8Codec INSTANCE = new Utf8Codec();

    private Utf8Codec() {
    }

    @Override
    public byte[] encode(String value) {
        if (value == null) {
            throw new CodecException("codec '" + Utf8CodecProvider.NAME + "' cannot encode null");
        }
        try {
            // Coders are not thread-safe and cheap to make, so each call makes its own.
            ByteBuffer encoded = StandardCharsets.UTF_8.newEncoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .encode(CharBuffer.wrap(value));
            byte[] bytes = new byte[encoded.remaining()];
            encoded.get(bytes);
            return bytes;
        } catch (CharacterCodingException e) {
            throw new CodecException("codec '" + Utf8CodecProvider.NAME + "' cannot encode a String of "
                    + value.length() + " chars: it contains an unpaired surrogate (" + e + ")", e);
        }
    }

    @Override
    public String decode(byte[] bytes) {
        if (bytes == null) {
            throw new CodecException("codec '" + Utf8CodecProvider.NAME + "' cannot decode null");
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new CodecException("codec '" + Utf8CodecProvider.NAME + "' cannot decode " + bytes.length
                    + " bytes as a String: they are not valid UTF-8 (" + e + ")", e);
        }
    }

    @Override
    public String toString() {
        return "Codec[" + Utf8CodecProvider.NAME + "]";
    }
}
