package io.graft.api.transport;

import io.graft.api.config.ClusterConfig;
import io.graft.api.config.Member;

/**
 * What a node tells its transport when it starts.
 *
 * @param self this node's member id
 * @param cluster the cluster's configuration, with every member's address
 * @param inbox where incoming messages go
 */
public record TransportContext(int self, ClusterConfig cluster, Inbox inbox) {

    /** This node's own member entry (its address to bind). */
    public Member selfMember() {
        return cluster.member(self);
    }
}
