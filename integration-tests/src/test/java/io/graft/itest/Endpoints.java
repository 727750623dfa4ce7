package io.graft.itest;

import java.util.Map;
import java.util.TreeMap;

/**
 * Where the test JVM reaches each member: the host port Docker maps to the member's port on 127.0.0.1. A new
 * value whenever a port changes, so clients compare by identity to notice that they must reconnect.
 *
 * @param hostPorts member id to host port
 */
record Endpoints(Map<Integer, Integer> hostPorts) {
    Endpoints {
        hostPorts = Map.copyOf(new TreeMap<>(hostPorts));
    }

    /** These endpoints with {@code id} at {@code port}. */
    Endpoints with(int id, int port) {
        Map<Integer, Integer> m = new TreeMap<>(hostPorts);
        m.put(id, port);
        return new Endpoints(m);
    }
}
