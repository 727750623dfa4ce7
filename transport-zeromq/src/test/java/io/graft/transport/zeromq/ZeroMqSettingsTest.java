package io.graft.transport.zeromq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.graft.api.config.ConfigurationException;
import io.graft.api.config.Options;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ZeroMqSettingsTest {
    @TempDir
    Path dir;

    private final CurveKeys.KeyPair one = CurveKeys.generate();
    private final CurveKeys.KeyPair two = CurveKeys.generate();

    private static Options options(Map<String, List<String>> values) {
        return new Options(values, "transportOptions");
    }

    private Map<String, List<String>> curveOptions() {
        Map<String, List<String>> m = new HashMap<>();
        m.put("curve", List.of("true"));
        m.put("publicKeys", List.of("1:" + one.publicKey(), " 2 :" + two.publicKey()));
        return m;
    }

    @Test
    void defaultsAreBoundedAndPlain() {
        ZeroMqSettings s = ZeroMqSettings.defaults();
        assertThat(s.bindHost()).isEmpty();
        assertThat(s.maxMessageBytes()).isEqualTo(64 << 20);
        assertThat(s.sendQueueMessages()).isPositive();
        assertThat(s.sendQueueBytes()).isGreaterThanOrEqualTo(s.maxMessageBytes());
        assertThat(s.sendHighWaterMark()).isPositive();
        assertThat(s.lingerMillis()).isBetween(0, 1000);
        assertThat(s.curve()).isEmpty();
    }

    @Test
    void readsEveryOption() {
        ZeroMqSettings s = ZeroMqSettings.from(options(Map.of("bindHost", List.of("0.0.0.0"),
                "maxMessageBytes", List.of("1000"), "sendQueueMessages", List.of("8"), "sendQueueBytes", List.of("5000"),
                "sendHighWaterMark", List.of("10"), "receiveHighWaterMark", List.of("20"), "lingerMillis", List.of("100"),
                "reconnectMillis", List.of("10"), "reconnectMaxMillis", List.of("500"),
                "heartbeatMillis", List.of("0"))));
        assertThat(s).isEqualTo(new ZeroMqSettings(java.util.Optional.of("0.0.0.0"), 1000, 2000, 1024, 8, 5000, 10, 20, 100, 10,
                500, 0, 1, 1000, 4096, 10, java.util.Optional.empty()));
    }

    @Test
    void ioThreadNiceIsANiceValueFromZeroToNineteen() {
        assertThat(ZeroMqSettings.defaults().ioThreadNice()).isEqualTo(10);
        assertThat(ZeroMqSettings.from(options(Map.of("ioThreadNice", List.of("19")))).ioThreadNice()).isEqualTo(19);
        assertThatThrownBy(() -> ZeroMqSettings.from(options(Map.of("ioThreadNice", List.of("20")))))
                .hasMessageContaining("transportOptions.ioThreadNice").hasMessageContaining("0 (normal priority) to 19");
        assertThatThrownBy(() -> ZeroMqSettings.from(options(Map.of("ioThreadNice", List.of("-5")))))
                .hasMessageContaining("transportOptions.ioThreadNice").hasMessageContaining("at least 0");
    }

    @Test
    void receiveMemoryBytesDefaultsToTwoLargestMessagesAndHoldsAtLeastOne() {
        assertThat(ZeroMqSettings.defaults().receiveMemoryBytes()).isEqualTo(128L << 20);
        assertThat(ZeroMqSettings.defaults().maxConnections()).isEqualTo(1024);
        assertThatThrownBy(() -> ZeroMqSettings.from(options(Map.of("maxConnections", List.of("0")))))
                .hasMessageContaining("transportOptions.maxConnections").hasMessageContaining("at least 1");
        assertThat(ZeroMqSettings.from(options(Map.of("maxMessageBytes", List.of("1000")))).receiveMemoryBytes())
                .isEqualTo(2000);
        assertThat(ZeroMqSettings.from(options(Map.of("receiveMemoryBytes", List.of("8589934592"))))
                .receiveMemoryBytes()).isEqualTo(8L << 30);
        assertThatThrownBy(() -> ZeroMqSettings.from(options(Map.of("maxMessageBytes", List.of("1000"),
                "receiveMemoryBytes", List.of("999")))))
                .hasMessageContaining("transportOptions.receiveMemoryBytes").hasMessageContaining("maxMessageBytes");
    }

    @Test
    void refusesUnknownOptionsSoATypoCannotTurnSecurityOff() {
        assertThatThrownBy(() -> ZeroMqSettings.from(options(Map.of("curv", List.of("true")))))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("transportOptions.curv")
                .hasMessageContaining("curve");
    }

    @Test
    void refusesOutOfRangeValues() {
        assertThatThrownBy(() -> ZeroMqSettings.from(options(Map.of("sendHighWaterMark", List.of("0")))))
                .hasMessageContaining("sendHighWaterMark").hasMessageContaining("at least 1");
        assertThatThrownBy(() -> ZeroMqSettings.from(options(Map.of("lingerMillis", List.of("5000")))))
                .hasMessageContaining("at most 1000");
        assertThatThrownBy(() -> ZeroMqSettings.from(options(Map.of("maxMessageBytes", List.of("10000"),
                "sendQueueBytes", List.of("100")))))
                .hasMessageContaining("sendQueueBytes").hasMessageContaining("maxMessageBytes");
    }

    @Test
    void readsTheSecretKeyFromAFile() throws IOException {
        Map<String, List<String>> m = curveOptions();
        m.put("secretKeyFile", List.of(Files.writeString(dir.resolve("k"), one.secretKey() + "\n").toString()));
        CurveSettings curve = ZeroMqSettings.from(options(m), name -> null).curve().orElseThrow();
        assertThat(curve.secretKey()).isEqualTo(CurveKeys.decode(one.secretKey(), "k"));
        assertThat(curve.publicKeys()).containsOnlyKeys(1, 2);
        assertThat(curve.toString()).doesNotContain(one.secretKey());
    }

    @Test
    void readsTheSecretKeyFromTheNamedEnvironmentVariable() {
        Map<String, List<String>> m = curveOptions();
        m.put("secretKeyEnv", List.of("MY_KEY"));
        CurveSettings curve = ZeroMqSettings.from(options(m),
                name -> name.equals("MY_KEY") ? two.secretKey() : null).curve().orElseThrow();
        assertThat(curve.secretKey()).isEqualTo(CurveKeys.decode(two.secretKey(), "k"));
        // By default the variable is GRAFT_CURVE_SECRET_KEY.
        CurveSettings byDefault = ZeroMqSettings.from(options(curveOptions()),
                name -> name.equals(ZeroMqSettings.DEFAULT_SECRET_KEY_ENV) ? one.secretKey() : null).curve().orElseThrow();
        assertThat(byDefault.secretKey()).isEqualTo(CurveKeys.decode(one.secretKey(), "k"));
    }

    @Test
    void curveWithoutASecretKeySaysWhereToPutOne() {
        assertThatThrownBy(() -> ZeroMqSettings.from(options(curveOptions()), name -> null))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("secretKeyFile")
                .hasMessageContaining("GRAFT_CURVE_SECRET_KEY");
    }

    @Test
    void refusesMalformedPublicKeyEntries() {
        for (String entry : List.of("1=" + one.publicKey(), "x:" + one.publicKey(), "1:tooShort", ":" + one.publicKey())) {
            Map<String, List<String>> m = curveOptions();
            m.put("publicKeys", List.of(entry));
            assertThatThrownBy(() -> ZeroMqSettings.from(options(m), name -> one.secretKey()))
                    .as(entry).isInstanceOf(ConfigurationException.class).hasMessageContaining("publicKeys");
        }
    }

    @Test
    void refusesKeysWithoutCurve() {
        assertThatThrownBy(() -> ZeroMqSettings.from(options(Map.of("publicKeys", List.of("1:" + one.publicKey())))))
                .hasMessageContaining("curve: true");
    }

    @Test
    void checksTheKeysAgainstTheClusterAtStart() {
        CurveSettings curve = ZeroMqSettings.from(options(curveOptions()), name -> one.secretKey()).curve().orElseThrow();
        curve.validateFor(1, List.of(1, 2), "transportOptions"); // consistent

        assertThatThrownBy(() -> curve.validateFor(2, List.of(1, 2), "transportOptions"))
                .hasMessageContaining("does not belong to the public key listed for member 2");
        assertThatThrownBy(() -> curve.validateFor(1, List.of(1, 2, 3), "transportOptions"))
                .hasMessageContaining("member 3 has no public key");
        assertThatThrownBy(() -> curve.validateFor(1, List.of(1), "transportOptions"))
                .hasMessageContaining("member 2 is not in the cluster");
    }

    @Test
    void membersReadTheClientsTheyAdmit() {
        CurveKeys.KeyPair client = CurveKeys.generate();
        Map<String, List<String>> m = curveOptions();
        m.put("clientKeys", List.of(" " + client.publicKey() + " "));
        CurveSettings curve = ZeroMqSettings.from(options(m), name -> one.secretKey()).curve().orElseThrow();
        assertThat(curve.clientKeys()).singleElement()
                .satisfies(k -> assertThat(k).isEqualTo(CurveKeys.decode(client.publicKey(), "k")));
        assertThat(curve.allowAnyClient()).isFalse();
        m.put("allowAnyClient", List.of("true"));
        assertThat(ZeroMqSettings.from(options(m), name -> one.secretKey()).curve().orElseThrow().allowAnyClient())
                .isTrue();
        // By default, with curve on, no client is admitted.
        CurveSettings none = ZeroMqSettings.from(options(curveOptions()), name -> one.secretKey())
                .curve().orElseThrow();
        assertThat(none.clientKeys()).isEmpty();
        assertThat(none.allowAnyClient()).isFalse();
    }

    @Test
    void refusesAClientKeyThatIsAMembersOrNotAKey() {
        Map<String, List<String>> m = curveOptions();
        m.put("clientKeys", List.of(two.publicKey()));
        assertThatThrownBy(() -> ZeroMqSettings.from(options(m), name -> one.secretKey()))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("transportOptions.clientKeys").hasMessageContaining("member 2");
        m.put("clientKeys", List.of("not a key"));
        assertThatThrownBy(() -> ZeroMqSettings.from(options(m), name -> one.secretKey()))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("transportOptions.clientKeys").hasMessageContaining("Z85");
    }

    @Test
    void refusesClientOptionsWithoutCurve() {
        for (String key : List.of("clientKeys", "allowAnyClient", "clientSecretKeyFile")) {
            assertThatThrownBy(() -> ZeroMqSettings.from(options(Map.of(key, List.of("x")))))
                    .as(key).isInstanceOf(ConfigurationException.class)
                    .hasMessageContaining(key).hasMessageContaining("curve: true");
        }
    }

    @Test
    void aClientReadsItsOwnSecretKeyNotTheMembers() throws IOException {
        CurveKeys.KeyPair client = CurveKeys.generate();
        // The member's secret key is not needed on the client side, and vice versa.
        CurveSettings fromEnv = ZeroMqSettings.forClient(options(curveOptions()),
                name -> name.equals(ZeroMqSettings.DEFAULT_CLIENT_SECRET_KEY_ENV) ? client.secretKey() : null)
                .curve().orElseThrow();
        assertThat(fromEnv.secretKey()).isEqualTo(CurveKeys.decode(client.secretKey(), "k"));
        assertThat(ZeroMqSettings.from(options(curveOptions()), name -> name.equals(
                ZeroMqSettings.DEFAULT_SECRET_KEY_ENV) ? one.secretKey() : null).curve()).isPresent();

        Map<String, List<String>> m = curveOptions();
        m.put("clientSecretKeyFile", List.of(Files.writeString(dir.resolve("client"), client.secretKey()).toString()));
        CurveSettings fromFile = ZeroMqSettings.forClient(options(m), name -> null).curve().orElseThrow();
        assertThat(fromFile.secretKey()).isEqualTo(CurveKeys.decode(client.secretKey(), "k"));
        m.remove("clientSecretKeyFile");
        m.put("clientSecretKeyEnv", List.of("CLIENT_KEY"));
        assertThat(ZeroMqSettings.forClient(options(m), name -> name.equals("CLIENT_KEY") ? client.secretKey() : null)
                .curve().orElseThrow().secretKey()).isEqualTo(CurveKeys.decode(client.secretKey(), "k"));
    }

    @Test
    void aClientWithoutASecretKeySaysWhereToPutOne() {
        assertThatThrownBy(() -> ZeroMqSettings.forClient(options(curveOptions()),
                name -> name.equals(ZeroMqSettings.DEFAULT_SECRET_KEY_ENV) ? one.secretKey() : null))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("clientSecretKeyFile")
                .hasMessageContaining("GRAFT_CURVE_CLIENT_SECRET_KEY")
                .hasMessageContaining("this client");
    }

    @Test
    void aClientChecksThatEveryMemberHasAKey() {
        CurveSettings curve = ZeroMqSettings.forClient(options(curveOptions()), name -> one.secretKey())
                .curve().orElseThrow();
        curve.validateForClient(List.of(1, 2), "transportOptions");
        assertThatThrownBy(() -> curve.validateForClient(List.of(1, 2, 3), "transportOptions"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("member 3 has no public key");
    }
}
