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
 * @param threadFailed what a transport calls when one of its own threads (an I/O thread) ends on a throwable it
 *                     did not handle, an {@link Error} such as {@code OutOfMemoryError} included: the member then
 *                     stops as a whole, closing the transport, rather than live on unable to send or receive
 */
public record TransportContext(int self, ClusterConfig cluster, Inbox inbox, Consumer<Throwable> threadFailed) {

    public TransportContext {
        Objects.requireNonNull(threadFailed, "threadFailed");
    }

    /** A context whose {@link #threadFailed} does nothing (tests, tools that run a transport alone). */
    public TransportContext(int self, ClusterConfig cluster, Inbox inbox) {
        this(self, cluster, inbox, cause -> { });
    }

    /** This node's own member entry (its address to bind). */
    public Member selfMember() {
        return cluster.member(self);
    }
}
