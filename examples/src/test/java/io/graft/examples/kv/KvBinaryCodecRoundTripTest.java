package io.graft.examples.kv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.graft.api.Codec;
import io.graft.api.CodecException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class KvBinaryCodecRoundTripTest {

    private final Codec<KvCommand> commands = KvBinaryCodec.commands();
    private final Codec<KvResult> results = KvBinaryCodec.results();

    private KvCommand roundTrip(KvCommand command) {
        return commands.decode(commands.encode(command));
    }

    private KvResult roundTrip(KvResult result) {
        return results.decode(results.encode(result));
    }

    @Test
    void seededRandomCommandsRoundTrip() {
        RandomKv random = new RandomKv(7, 1000);
        for (int i = 0; i < 20_000; i++) {
            KvCommand command = random.command();
            assertThat(roundTrip(command)).isEqualTo(command);
        }
    }

    @Test
    void seededRandomResultsRoundTrip() {
        RandomKv random = new RandomKv(8, 1000);
        for (int i = 0; i < 20_000; i++) {
            KvResult result = random.result();
            assertThat(roundTrip(result)).isEqualTo(result);
        }
    }

    @Test
    void edgeCaseStringsRoundTrip() {
        List<String> texts = List.of("", " ", "\u0000", "é", "日本語", "\uD83D\uDE00\uD83C\uDF89", "\uFFFF", "\uFEFFbom",
                "a".repeat(126), "a".repeat(127), "a".repeat(128), "b".repeat(16_383), "b".repeat(16_384));
        for (String t : texts) {
            assertThat(roundTrip(KvCommand.put(t, t))).isEqualTo(KvCommand.put(t, t));
            assertThat(roundTrip(KvCommand.get(t))).isEqualTo(KvCommand.get(t));
            assertThat(roundTrip(KvCommand.delete(t))).isEqualTo(KvCommand.delete(t));
            assertThat(roundTrip(KvCommand.compareAndSet(t, t, null))).isEqualTo(KvCommand.compareAndSet(t, t, null));
            assertThat(roundTrip(new KvResult(true, t))).isEqualTo(new KvResult(true, t));
        }
    }

    @Test
    void nullsAndEmptyStringsStayDistinct() {
        KvCommand allNull = KvCommand.compareAndSet("", null, null);
        KvCommand allEmpty = KvCommand.compareAndSet("", "", "");
        assertThat(roundTrip(allNull)).isEqualTo(allNull);
        assertThat(roundTrip(allEmpty)).isEqualTo(allEmpty);
        assertThat(commands.encode(allNull)).isNotEqualTo(commands.encode(allEmpty));
        assertThat(roundTrip(new KvResult(false, null))).isEqualTo(new KvResult(false, null));
        assertThat(roundTrip(new KvResult(false, ""))).isEqualTo(new KvResult(false, ""));
    }

    @Test
    void largeValuesOfMebibytesRoundTrip() {
        RandomKv random = new RandomKv(9, 10);
        String fourMiB = random.large(4);
        String twoMiB = random.large(2);

        KvCommand put = KvCommand.put("big", fourMiB);
        byte[] encoded = commands.encode(put);
        assertThat(encoded.length).isGreaterThanOrEqualTo(4 << 20);
        assertThat(commands.decode(encoded)).isEqualTo(put);

        KvCommand cas = KvCommand.compareAndSet(twoMiB, fourMiB, twoMiB);
        assertThat(roundTrip(cas)).isEqualTo(cas);
        assertThat(roundTrip(new KvResult(true, fourMiB))).isEqualTo(new KvResult(true, fourMiB));
    }

    @Test
    void formatIsCompactAndPinned() {
        // version 1, kind 2 (get), length n = 1 + 1 byte, 'k'
        assertThat(commands.encode(KvCommand.get("k"))).containsExactly(1, 2, 2, 'k');
        // version 1, kind 4 (cas), key "k", expected null, newValue ""
        assertThat(commands.encode(KvCommand.compareAndSet("k", null, ""))).containsExactly(1, 4, 2, 'k', 0, 1);
        // version 1, flags changed, value "é" (2 bytes of UTF-8)
        assertThat(results.encode(new KvResult(true, "é"))).containsExactly(1, 1, 3, 0xC3, 0xA9);
        // A 200-byte value needs a two-byte varint: 201 = 0b1_1001001 -> 0xC9 0x01
        byte[] longer = commands.encode(KvCommand.put("", "v".repeat(200)));
        assertThat(longer).startsWith(1, 1, 1, 0xC9, 0x01).hasSize(5 + 200);
    }

    @Test
    void encodingRejectsTextThatUtf8CannotRepresent() {
        String loneSurrogate = "ab\uD800c";
        assertThatThrownBy(() -> commands.encode(KvCommand.put("k", loneSurrogate)))
                .isInstanceOf(CodecException.class)
                .hasMessageContaining("kv-binary").hasMessageContaining("KvCommand").hasMessageContaining("value")
                .hasMessageContaining("char 2");
        assertThatThrownBy(() -> results.encode(new KvResult(false, "\uDC00")))
                .isInstanceOf(CodecException.class).hasMessageContaining("KvResult");
        // The same text, correctly paired, encodes fine.
        String paired = "\uD800\uDC00";
        assertThat(new String(commands.encode(KvCommand.get(paired)), 3, 4, StandardCharsets.UTF_8)).isEqualTo(paired);
    }

    @Test
    void encodingNullIsACodecException() {
        assertThatThrownBy(() -> commands.encode(null)).isInstanceOf(CodecException.class).hasMessageContaining("kv-binary");
        assertThatThrownBy(() -> results.encode(null)).isInstanceOf(CodecException.class).hasMessageContaining("kv-binary");
    }
}
