package io.graft.transport.zeromq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CurveKeysTest {

    @Test
    void derivesThePublicKeyOfAGeneratedSecretKey() {
        for (int i = 0; i < 5; i++) {
            CurveKeys.KeyPair pair = CurveKeys.generate();
            byte[] secret = CurveKeys.decode(pair.secretKey(), "secret");
            assertThat(CurveKeys.publicKeyOf(secret)).isEqualTo(CurveKeys.decode(pair.publicKey(), "public"));
        }
    }

    @Test
    void decodesOnlyFortyZ85Characters() {
        String valid = CurveKeys.generate().publicKey();
        assertThat(CurveKeys.decode("  " + valid + "\n", "key")).hasSize(CurveKeys.KEY_BYTES);
        assertThatThrownBy(() -> CurveKeys.decode(valid.substring(1), "the key of member 2"))
                .hasMessageContaining("the key of member 2").hasMessageContaining("40");
        assertThatThrownBy(() -> CurveKeys.decode(valid.substring(1) + "~", "key"))
                .hasMessageContaining("not Z85 at position 40");
        assertThatThrownBy(() -> CurveKeys.decode(null, "key")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void keepsTheSecretKeyOutOfToString() {
        CurveKeys.KeyPair pair = CurveKeys.generate();
        assertThat(pair.toString()).contains(pair.publicKey()).doesNotContain(pair.secretKey());
    }
}
