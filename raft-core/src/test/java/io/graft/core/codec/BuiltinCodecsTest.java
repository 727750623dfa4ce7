package io.graft.core.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.graft.api.Codec;
import io.graft.api.CodecException;
import io.graft.api.config.Options;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BuiltinCodecsTest {

    private static final Options NO_OPTIONS = Options.empty("codecOptions");
    private static final int SEVERAL_MIB = 5 * 1024 * 1024;

    @Nested
    class Bytes {
        private final Codec<byte[]> codec = new BytesCodecProvider().codecFor(byte[].class, NO_OPTIONS);

        @Test
        void is_named_bytes_and_is_the_static_one() {
            assertThat(new BytesCodecProvider().name()).isEqualTo("bytes");
            assertThat(codec).isSameAs(BuiltinCodecs.bytes());
        }

        @Test
        void round_trips_empty_small_and_large_arrays() {
            Random random = new Random(42);
            for (int size : new int[] {0, 1, 17, 4096, SEVERAL_MIB}) {
                byte[] value = new byte[size];
                random.nextBytes(value);

                assertThat(codec.decode(codec.encode(value))).isEqualTo(value);
            }
        }

        @Test
        void copies_so_that_later_changes_never_reach_the_log() {
            byte[] command = {1, 2, 3};
            byte[] encoded = codec.encode(command);
            command[0] = 9;
            byte[] decoded = codec.decode(encoded);
            decoded[1] = 9;

            assertThat(encoded).containsExactly(1, 2, 3);
        }

        @Test
        void refuses_null() {
            assertThatThrownBy(() -> codec.encode(null)).isInstanceOf(CodecException.class).hasMessageContaining("bytes");
            assertThatThrownBy(() -> codec.decode(null)).isInstanceOf(CodecException.class);
        }

        @Test
        void refuses_other_types_naming_the_codec_and_the_type() {
            assertThatThrownBy(() -> new BytesCodecProvider().codecFor(String.class, NO_OPTIONS))
                    .isInstanceOf(CodecException.class)
                    .hasMessageContaining("'bytes'")
                    .hasMessageContaining("java.lang.String");
            assertThatThrownBy(() -> new BytesCodecProvider().codecFor(Byte[].class, NO_OPTIONS))
                    .isInstanceOf(CodecException.class)
                    .hasMessageContaining(Byte[].class.getName());
        }
    }

    @Nested
    class Utf8 {
        private final Codec<String> codec = new Utf8CodecProvider().codecFor(String.class, NO_OPTIONS);

        @Test
        void is_named_string_and_is_the_static_one() {
            assertThat(new Utf8CodecProvider().name()).isEqualTo("string");
            assertThat(codec).isSameAs(BuiltinCodecs.utf8());
        }

        @ParameterizedTest
        @ValueSource(strings = {"", "a", "put x 1", "héllo wörld", "日本語のテキスト", "emoji 😀🎉 and 𝄞", "\u0000nul",
            "\uFEFFbom"})
        void round_trips_unicode(String value) {
            byte[] encoded = codec.encode(value);

            assertThat(encoded).isEqualTo(value.getBytes(StandardCharsets.UTF_8));
            assertThat(codec.decode(encoded)).isEqualTo(value);
        }

        @Test
        void round_trips_several_mebibytes() {
            Random random = new Random(7);
            StringBuilder chunk = new StringBuilder();
            while (chunk.length() < 64 * 1024) {
                // Mix one-, two-, three- and four-byte characters.
                int codePoint = switch (random.nextInt(4)) {
                    case 0 -> 'a' + random.nextInt(26);
                    case 1 -> 0x00E0 + random.nextInt(0x20);
                    case 2 -> 0x4E00 + random.nextInt(0x1000);
                    default -> 0x1F600 + random.nextInt(0x40);
                };
                chunk.appendCodePoint(codePoint);
            }
            String value = chunk.toString().repeat(40);

            byte[] encoded = codec.encode(value);

            assertThat(encoded.length).isGreaterThan(SEVERAL_MIB);
            assertThat(codec.decode(encoded)).isEqualTo(value);
        }

        @Test
        void rejects_malformed_utf8() {
            byte[][] malformed = {
                {(byte) 0xff},                              // never valid
                {(byte) 0xc3},                              // truncated two-byte sequence
                {'a', (byte) 0xe6, (byte) 0x97},            // truncated three-byte sequence
                {(byte) 0x80},                              // lone continuation byte
                {(byte) 0xc0, (byte) 0xaf},                 // overlong '/'
                {(byte) 0xed, (byte) 0xa0, (byte) 0x80},    // an encoded surrogate
                {(byte) 0xf4, (byte) 0x90, (byte) 0x80, (byte) 0x80}, // beyond U+10FFFF
            };
            for (byte[] bytes : malformed) {
                assertThatThrownBy(() -> codec.decode(bytes))
                        .isInstanceOf(CodecException.class)
                        .hasMessageContaining("'string'")
                        .hasMessageContaining("not valid UTF-8");
            }
        }

        @Test
        void rejects_random_garbage_only_with_codec_exceptions() {
            Random random = new Random(1234);
            int rejected = 0;
            for (int i = 0; i < 2000; i++) {
                byte[] bytes = new byte[1 + random.nextInt(64)];
                random.nextBytes(bytes);
                try {
                    String decoded = codec.decode(bytes);
                    assertThat(codec.encode(decoded)).isEqualTo(bytes);
                } catch (CodecException e) {
                    rejected++;
                }
            }
            assertThat(rejected).isPositive();
        }

        @Test
        void refuses_to_encode_an_unpaired_surrogate_instead_of_changing_it() {
            assertThatThrownBy(() -> codec.encode("broken \uD83D pair"))
                    .isInstanceOf(CodecException.class)
                    .hasMessageContaining("unpaired surrogate");
        }

        @Test
        void refuses_null() {
            assertThatThrownBy(() -> codec.encode(null)).isInstanceOf(CodecException.class);
            assertThatThrownBy(() -> codec.decode(null)).isInstanceOf(CodecException.class);
        }

        @Test
        void refuses_other_types_naming_the_codec_and_the_type() {
            assertThatThrownBy(() -> new Utf8CodecProvider().codecFor(CharSequence.class, NO_OPTIONS))
                    .isInstanceOf(CodecException.class)
                    .hasMessageContaining("'string'")
                    .hasMessageContaining("java.lang.CharSequence");
        }
    }
}
