package io.graft.itest;

import static org.assertj.core.api.Assertions.assertThat;

import io.graft.api.config.ClusterConfig;
import io.graft.core.config.ClusterConfigLoader;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ClusterYamlTest {

    @Test
    void membersFindEachOtherByAliasAndKeepTheirLogOnTheVolume() {
        ClusterConfig c = ClusterConfigLoader.parse(ClusterYaml.forMembers(3), "members");
        assertThat(c.memberIds()).containsExactly(1, 2, 3);
        assertThat(c.member(2).address()).isEqualTo("n2:" + NodeImage.PORT);
        assertThat(c.transport()).isEqualTo("zeromq");
        assertThat(c.dataDir()).hasValueSatisfying(d -> assertThat(d.toString()).isEqualTo(ClusterYaml.DATA_DIR));
        assertThat(c.transportOptions().string("bindHost")).contains("0.0.0.0");
        assertThat(c.clusterId()).isEqualTo(ClusterYaml.CLUSTER_ID);
    }

    @Test
    void clientsReachTheSameMembersThroughMappedPortsOnLoopback() {
        ClusterConfig members = ClusterConfigLoader.parse(ClusterYaml.forMembers(3), "members");
        ClusterConfig clients = KvClients.config(new Endpoints(Map.of(1, 32768, 2, 32769, 3, 32770)));
        assertThat(clients.memberIds()).isEqualTo(members.memberIds());
        assertThat(clients.member(3).address()).isEqualTo("127.0.0.1:32770");
        assertThat(clients.dataDir()).isEmpty();
        assertThat(clients.electionTimeout()).isEqualTo(members.electionTimeout());
        assertThat(clients.codec()).isEqualTo(members.codec());
    }
}
