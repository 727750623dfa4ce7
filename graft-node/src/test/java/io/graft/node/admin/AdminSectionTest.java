package io.graft.node.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.graft.api.config.ConfigurationException;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The cluster file's {@code admin} section, read by graft-node beside the cluster's own keys. */
class AdminSectionTest {
    private static final String CLUSTER = "electionTimeout: 150\n"
            + "configuration:\n"
            + "  1: 127.0.0.1:7401\n"
            + "  2: 127.0.0.1:7402\n";

    @Test
    void withoutASectionTheEndpointsAreOff() {
        NodeFile file = AdminSection.parse(CLUSTER, "cluster.yaml");

        assertThat(file.admin().enabled()).isFalse();
        assertThat(file.admin().address(1)).isEmpty();
        assertThat(file.cluster().members()).containsOnlyKeys(1, 2);
    }

    @Test
    void onePortServesEveryMemberOnLoopbackByDefault() {
        NodeFile file = AdminSection.parse(CLUSTER + "admin:\n  port: 9400\n", "cluster.yaml");

        assertThat(file.admin().address(1)).contains(new InetSocketAddress("127.0.0.1", 9400));
        assertThat(file.admin().address(2)).contains(new InetSocketAddress("127.0.0.1", 9400));
        assertThat(file.admin().readyMaxApplyLag()).isEqualTo(AdminSettings.DEFAULT_READY_MAX_APPLY_LAG);
    }

    @Test
    void aMapGivesEachMemberItsPortAndTheOtherKeysAreRead() {
        String yaml = "admin:\n"
                + "  port: {1: 9401, 2: 9402}\n"
                + "  bind: 0.0.0.0\n"
                + "  readyMaxApplyLag: 50\n"
                + CLUSTER;

        NodeFile file = AdminSection.parse(yaml, "cluster.yaml");

        assertThat(file.admin().memberPorts()).isEqualTo(Map.of(1, 9401, 2, 9402));
        assertThat(file.admin().address(2)).contains(new InetSocketAddress("0.0.0.0", 9402));
        assertThat(file.admin().readyMaxApplyLag()).isEqualTo(50);
        assertThat(file.cluster().electionTimeout().toMillis()).isEqualTo(150);
    }

    @Test
    void aMemberMissingFromTheMapIsNamedWithTheLine() {
        NodeFile file = AdminSection.parse(CLUSTER + "admin:\n  port:\n    1: 9401\n", "cluster.yaml");

        assertThatThrownBy(() -> file.admin().address(2)).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("'admin.port'").hasMessageContaining("line 6")
                .hasMessageContaining("no port for member 2").hasMessageContaining("cluster.yaml");
    }

    @Test
    void theCommandLinePortWinsOverTheFileAndTurnsTheEndpointsOn() {
        AdminSettings fromFile = AdminSection.parse(CLUSTER + "admin: {port: {1: 9401}, bind: localhost}\n", "f")
                .admin();

        assertThat(fromFile.withPort(9500).address(2)).contains(new InetSocketAddress("localhost", 9500));
        assertThat(AdminSettings.off().withPort(0).address(1)).contains(new InetSocketAddress("127.0.0.1", 0));
        assertThatThrownBy(() -> AdminSettings.off().withPort(70_000)).hasMessageContaining("--admin-port");
    }

    @Test
    void errorsInTheSectionNameTheDottedKeyAndTheLine() {
        assertError(CLUSTER + "admin:\n  port: 9400\n  prot: 1\n", "'admin.prot'", "line 7", "unknown key",
                "port, bind, readyMaxApplyLag");
        assertError(CLUSTER + "admin:\n  port: many\n", "'admin.port'", "line 6", "a port from 1 to 65535");
        assertError(CLUSTER + "admin:\n  port: 70000\n", "'admin.port'", "line 6", "got '70000'");
        assertError(CLUSTER + "admin:\n  port: {one: 9401}\n", "'admin.port'", "line 6", "member ids");
        assertError(CLUSTER + "admin:\n  bind: 127.0.0.1\n", "'admin.port'", "line 5", "is missing");
        assertError(CLUSTER + "admin:\n", "'admin'", "line 5", "has no value");
        assertError(CLUSTER + "admin: 9400\n", "'admin'", "line 5", "expected a mapping");
        assertError(CLUSTER + "admin:\n  port: 1\n  readyMaxApplyLag: -1\n", "'admin.readyMaxApplyLag'", "line 7",
                "0 or more");
        assertError("admin: {port: 1}\n" + CLUSTER + "admin: {port: 2}\n", "'admin'", "line 6", "set twice");
    }

    @Test
    void theClusterKeysAfterTheSectionKeepTheirLinesInErrors() {
        String yaml = "admin:\n"
                + "  port: 9400   # the dashboard\n"
                + "  bind: 127.0.0.1\n"
                + "electionTimeout: soon\n"
                + "configuration:\n"
                + "  1: 127.0.0.1:7401\n";

        assertError(yaml, "'electionTimeout'", "line 4");
    }

    @Test
    void aSectionWrittenInFlowStyleOrBetweenOtherKeysIsTakenOutCleanly() {
        String yaml = "electionTimeout: 200\n"
                + "admin: {port: 9400, bind: \"127.0.0.1\"}  # inline\n"
                + "transport: inmemory\n"
                + "admin2: 1\n"
                + CLUSTER.replace("electionTimeout: 150\n", "");

        // The loader still refuses the unknown key after the section, on its own line.
        assertError(yaml, "'admin2'", "line 4", "unknown key");
        NodeFile file = AdminSection.parse(yaml.replace("admin2: 1\n", "\n"), "cluster.yaml");
        assertThat(file.cluster().transport()).isEqualTo("inmemory");
        assertThat(file.cluster().electionTimeout().toMillis()).isEqualTo(200);
        assertThat(file.admin().address(1)).map(InetSocketAddress::getPort).isEqualTo(Optional.of(9400));
    }

    @Test
    void invalidYamlIsLeftToTheClusterLoaderToExplain() {
        assertError("admin: {port: 1\n" + CLUSTER, "cannot be read as YAML");
    }

    private static void assertError(String yaml, String... parts) {
        assertThatThrownBy(() -> AdminSection.parse(yaml, "cluster.yaml"))
                .isInstanceOf(ConfigurationException.class)
                .satisfies(e -> assertThat(e.getMessage()).contains(parts).contains("cluster.yaml"));
    }
}
