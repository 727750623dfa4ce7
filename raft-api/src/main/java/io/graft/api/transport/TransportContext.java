package io.graft.api.transport;

import io.graft.api.config.ClusterConfig;
import io.graft.api.config.Member;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * What a node tells its transport when it starts.
 *
 * @param self this node's member id
 * @param cluster the cluster's configuration, with every member's address
 * @param inbox where incoming messages go
 * @param failed what the transport calls, from any thread and at most once, when it can no longer send or
 *               receive and cannot recover by itself (e.g. a thread it depends on died): the node then stops
 *               with that cause, so that whatever supervises the process can start it afresh
 */
public record TransportContext(int self, ClusterConfig cluster, Inbox inbox, Consumer<Throwable> failed) {

    public TransportContext {
        Objects.requireNonNull(failed, "failed");
    }

    /** A context whose {@link #failed} does nothing: for tests and tools that watch the transport themselves. */
    public TransportContext(int self, ClusterConfig cluster, Inbox inbox) {
        this(self, cluster, inbox, cause -> { });
    }

    /** This node's own member entry (its address to bind). */
    public Member selfMember() {
        return cluster.member(self);
    }
}
