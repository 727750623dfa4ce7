package io.graft.node.tool;

import io.graft.api.config.Member;
import io.graft.core.config.ClusterConfigLoader;
import io.graft.node.UsageException;

/** Checks the member ids and addresses given to the administrative commands. */
final class MemberIds {
    private MemberIds() {
    }

    /** {@code id}, if it is a valid member id. */
    static int check(int id) {
        if (id <= 0) {
            throw new UsageException("member ids are positive whole numbers, got " + id);
        }
        return id;
    }

    /** Member {@code id} at {@code address} ({@code host}, {@code host:port} or {@code [ipv6]:port}). */
    static Member member(int id, String address) {
        check(id);
        try {
            return ClusterConfigLoader.member(id, address);
        } catch (IllegalArgumentException e) {
            throw new UsageException("member " + id + "'s address: " + e.getMessage(), e);
        }
    }
}
