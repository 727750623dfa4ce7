package io.graft.api.config;

/**
 * One voting member of the cluster.
 *
 * @param id a positive integer, unique in the cluster
 * @param host the host name or address peers use to reach it
 * @param port the port peers use to reach it
 */
public record Member(int id, String host, int port) {

    public Member {
        if (id <= 0) {
            throw new IllegalArgumentException("member id must be positive: " + id);
        }
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("member " + id + " has no host");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("member " + id + " has an invalid port " + port);
        }
    }

    /** {@code host:port}. */
    public String address() {
        return host + ":" + port;
    }
}
