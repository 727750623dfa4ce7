package io.graft.examples.kv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.graft.api.Codec;
import io.graft.api.CodecException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;

class KvBinaryCodecMalformedInputTest {

    private final Codec<KvCommand> commands = KvBinaryCodec.commands();
    private final Codec<KvResult> results = KvBinaryCodec.results();

    private static byte[] bytes(int... values) {
        byte[] b = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            b[i] = (byte) values[i];
        }
        return b;
    }

    private static void assertRejected(Codec<?> codec, byte[] input, String type, String reason) {
        assertThatThrownBy(() -> codec.decode(input))
                .as("decoding %s", input == null ? "null" : HexFormat.of().formatHex(input))
                .isExactlyInstanceOf(CodecException.class)
                .hasMessageContaining("kv-binary").hasMessageContaining(type).hasMessageContaining(reason);
    }

    /**
     * Decoding arbitrary bytes either throws CodecException or returns a value whose encoding is exactly
     * those bytes (the format has one encoding per value). Returns whether the bytes were accepted.
     */
    private static <T> boolean decodesCanonicallyOrRejects(Codec<T> codec, byte[] input, String type) {
        T value;
        try {
            value = codec.decode(input);
        } catch (CodecException e) {
            assertThat(e.getMessage()).contains("kv-binary").contains(type);
            return false;
        } catch (RuntimeException | Error e) {
            throw new AssertionError("decoding " + HexFormat.of().formatHex(input) + " threw " + e, e);
        }
        assertThat(codec.encode(value)).as("re-encoding %s", value).isEqualTo(input);
        return true;
    }

    @Test
    void everyTruncationOfValidCommandsIsRejected() {
        RandomKv random = new RandomKv(11, 100);
        for (int i = 0; i < 3_000; i++) {
            byte[] valid = commands.encode(random.command());
            for (int length = 0; length < valid.length; length++) {
                assertRejected(commands, Arrays.copyOf(valid, length), "KvCommand", "truncated");
            }
        }
    }

    @Test
    void everyTruncationOfValidResultsIsRejected() {
        RandomKv random = new RandomKv(12, 100);
        for (int i = 0; i < 3_000; i++) {
            byte[] valid = results.encode(random.result());
            for (int length = 0; length < valid.length; length++) {
                assertRejected(results, Arrays.copyOf(valid, length), "KvResult", "truncated");
            }
        }
    }

    @Test
    void truncationsOfLargeEncodingsAreRejected() {
        RandomKv random = new RandomKv(13, 10);
        byte[] valid = commands.encode(KvCommand.compareAndSet("k", random.large(1), random.large(1)));
        Random cuts = new Random(13);
        for (int i = 0; i < 50; i++) {
            assertRejected(commands, Arrays.copyOf(valid, cuts.nextInt(valid.length)), "KvCommand", "truncated");
        }
        assertRejected(commands, Arrays.copyOf(valid, valid.length - 1), "KvCommand", "truncated");
    }

    @Test
    void trailingBytesAreRejected() {
        byte[] valid = commands.encode(KvCommand.get("k"));
        assertRejected(commands, Arrays.copyOf(valid, valid.length + 1), "KvCommand", "1 trailing bytes");
        byte[] result = results.encode(new KvResult(true, "v"));
        assertRejected(results, Arrays.copyOf(result, result.length + 3), "KvResult", "3 trailing bytes");
    }

    @Test
    void badTagsAreRejected() {
        assertRejected(commands, bytes(2, 2, 2, 'k'), "KvCommand", "unsupported format version 2");
        assertRejected(commands, bytes(0), "KvCommand", "unsupported format version 0");
        assertRejected(commands, bytes(1, 0, 2, 'k'), "KvCommand", "unknown command kind 0");
        assertRejected(commands, bytes(1, 5, 2, 'k'), "KvCommand", "unknown command kind 5");
        assertRejected(commands, bytes(1, 0xFF), "KvCommand", "unknown command kind 255");
        assertRejected(results, bytes(1, 2, 0), "KvResult", "unknown flags 2");
        assertRejected(results, bytes(1, 0x81, 0), "KvResult", "unknown flags 129");
        assertRejected(results, bytes(9, 0, 0), "KvResult", "unsupported format version 9");
    }

    @Test
    void missingRequiredStringsAreRejected() {
        assertRejected(commands, bytes(1, 1, 0, 1), "KvCommand", "key at offset 2 is null");
        assertRejected(commands, bytes(1, 1, 1, 0), "KvCommand", "value at offset 3 is null");
        assertRejected(commands, bytes(1, 2, 0), "KvCommand", "key");
        assertRejected(commands, bytes(1, 4, 0, 0, 0), "KvCommand", "key");
        assertThat(commands.decode(bytes(1, 4, 1, 0, 0))).isEqualTo(KvCommand.compareAndSet("", null, null));
    }

    @Test
    void lengthsBeyondTheInputAreRejectedWithoutAllocating() {
        // A declared length of Integer.MAX_VALUE - 1 bytes in a 7-byte input.
        assertRejected(commands, bytes(1, 2, 0xFF, 0xFF, 0xFF, 0xFF, 0x07), "KvCommand", "declares 2147483646 bytes");
        assertRejected(commands, bytes(1, 2, 4, 'a', 'b'), "KvCommand", "declares 3 bytes but only 2 remain");
        assertRejected(results, bytes(1, 0, 0x80, 0x80, 0x04), "KvResult", "declares 65535 bytes");
    }

    @Test
    void malformedVarintsAreRejected() {
        assertRejected(commands, bytes(1, 2, 0xFF, 0xFF, 0xFF, 0xFF, 0x08), "KvCommand", "too large");
        assertRejected(commands, bytes(1, 2, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01), "KvCommand", "runs over 5 bytes");
        assertRejected(commands, bytes(1, 2, 0x82, 0x00, 'k'), "KvCommand", "not in shortest form");
        assertRejected(commands, bytes(1, 2, 0x80), "KvCommand", "truncated");
    }

    @Test
    void malformedUtf8IsRejected() {
        assertRejected(commands, bytes(1, 2, 2, 0xFF), "KvCommand", "not well-formed UTF-8");
        assertRejected(commands, bytes(1, 2, 2, 0xC3), "KvCommand", "not well-formed UTF-8");
        assertRejected(commands, bytes(1, 2, 3, 0xC0, 0x80), "KvCommand", "not well-formed UTF-8");
        assertRejected(commands, bytes(1, 2, 4, 0xED, 0xA0, 0x80), "KvCommand", "not well-formed UTF-8");
        assertRejected(commands, bytes(1, 2, 5, 0xF4, 0x90, 0x80, 0x80), "KvCommand", "not well-formed UTF-8");
        // A length prefix that splits a valid multi-byte sequence leaves malformed UTF-8 inside the string.
        assertRejected(results, bytes(1, 0, 2, 0xC3, 0xA9), "KvResult", "not well-formed UTF-8");
    }

    @Test
    void nullInputIsRejected() {
        assertRejected(commands, null, "KvCommand", "null bytes");
        assertRejected(results, null, "KvResult", "null bytes");
    }

    @Test
    void seededRandomGarbageOnlyEverThrowsCodecException() {
        Random random = new Random(14);
        int accepted = 0;
        for (int i = 0; i < 100_000; i++) {
            byte[] garbage = garbage(random);
            if (decodesCanonicallyOrRejects(commands, garbage, "KvCommand")) {
                accepted++;
            }
            decodesCanonicallyOrRejects(results, garbage, "KvResult");
        }
        // The generator reaches past the header checks often enough to exercise the string decoding.
        assertThat(accepted).isPositive();
    }

    @Test
    void seededRandomMutationsOfValidEncodingsOnlyEverThrowCodecException() {
        RandomKv kv = new RandomKv(15, 100);
        Random random = kv.random();
        int accepted = 0;
        int rejected = 0;
        for (int i = 0; i < 50_000; i++) {
            boolean command = random.nextBoolean();
            byte[] mutated = mutate(command ? commands.encode(kv.command()) : results.encode(kv.result()), random);
            boolean ok = command
                    ? decodesCanonicallyOrRejects(commands, mutated, "KvCommand")
                    : decodesCanonicallyOrRejects(results, mutated, "KvResult");
            if (ok) {
                accepted++;
            } else {
                rejected++;
            }
        }
        assertThat(accepted).isPositive();
        assertThat(rejected).isPositive();
    }

    /** Random bytes, usually starting with a valid version and kind so that decoding gets past the header. */
    private static byte[] garbage(Random random) {
        byte[] b = new byte[random.nextInt(24)];
        random.nextBytes(b);
        if (b.length > 0 && random.nextInt(4) != 0) {
            b[0] = KvBinaryCodec.VERSION;
        }
        if (b.length > 1 && random.nextInt(4) != 0) {
            b[1] = (byte) random.nextInt(5);
        }
        // Small length prefixes make well-formed strings likely enough to reach every branch.
        for (int i = 2; i < b.length; i++) {
            if (random.nextInt(3) == 0) {
                b[i] = (byte) random.nextInt(4);
            }
        }
        return b;
    }

    private static byte[] mutate(byte[] valid, Random random) {
        byte[] b = valid.clone();
        switch (random.nextInt(3)) {
            case 0:
                b[random.nextInt(b.length)] = (byte) random.nextInt(256);
                return b;
            case 1:
                b[random.nextInt(b.length)] ^= (byte) (1 << random.nextInt(8));
                return b;
            default:
                byte[] longer = Arrays.copyOf(b, b.length + 1 + random.nextInt(3));
                for (int i = b.length; i < longer.length; i++) {
                    longer[i] = (byte) random.nextInt(256);
                }
                return longer;
        }
    }
}
