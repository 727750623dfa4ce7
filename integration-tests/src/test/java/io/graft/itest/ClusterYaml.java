package io.graft.itest;

import java.util.Map;
import java.util.TreeMap;

/**
 * The two views of one cluster's YAML. Members find each other by network alias on the private Docker network
 * and bind all interfaces; clients in the test JVM reach the same members through ports Docker maps on
 * 127.0.0.1, which change whenever a container restarts or rejoins a network.
 */
final class ClusterYaml {
    /** The cluster id, checked by each member's data directory. */
    static final String CLUSTER_ID = "graft-itest";
    /** Where each member keeps its log, on a named volume that outlives the container's restarts. */
    static final String DATA_DIR = "/data";
    /** Election timeout in ms: generous, as up to five members and the test JVM share two cores. */
    static final int ELECTION_TIMEOUT_MS = 400;
    static final int HEARTBEAT_MS = 40;

    private ClusterYaml() {
    }

    /** The network alias of member {@code id}. */
    static String alias(int id) {
        return "n" + id;
    }

    /** The file every member of a cluster of {@code size} reads. */
    static String forMembers(int size) {
        Map<Integer, String> addresses = new TreeMap<>();
        for (int id = 1; id <= size; id++) {
            addresses.put(id, alias(id) + ":" + NodeImage.PORT);
        }
        return common(addresses) + "dataDir: " + DATA_DIR + "\n"
                + "transportOptions:\n"
                + "  bindHost: 0.0.0.0\n";
    }

    /** The file a client uses: the same cluster, with each member at {@code 127.0.0.1:<mapped port>}. */
    static String forClients(Endpoints endpoints) {
        Map<Integer, String> addresses = new TreeMap<>();
        endpoints.hostPorts().forEach((id, port) -> addresses.put(id, "127.0.0.1:" + port));
        return common(addresses);
    }

    private static String common(Map<Integer, String> addresses) {
        StringBuilder s = new StringBuilder()
                .append("clusterId: ").append(CLUSTER_ID).append('\n')
                .append("electionTimeout: ").append(ELECTION_TIMEOUT_MS).append('\n')
                .append("heartbeatInterval: ").append(HEARTBEAT_MS).append('\n')
                .append("transport: zeromq\n")
                .append("stateMachine: kv\n")
                .append("codec: kv-binary\n")
                .append("configuration:\n");
        addresses.forEach((id, address) -> s.append("  ").append(id).append(": ").append(address).append('\n'));
        return s.toString();
    }
}
