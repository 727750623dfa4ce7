package io.graft.node.tool;

import io.graft.api.ClusterAdmin;
import io.graft.api.config.ClusterConfig;
import io.graft.api.config.ConfigurationException;
import io.graft.api.config.Member;
import io.graft.core.client.GraftClient;
import io.graft.core.codec.BuiltinCodecs;
import io.graft.node.UsageException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * The tool's connection to a cluster: a remote client of the members the cluster file lists, over the transport it
 * names. Administrative requests carry no command, so the client uses the built-in {@code bytes} codec whatever
 * codec the cluster runs. A member added after the file was written (it is in the membership, not in the file) is
 * reached through a client of its own that knows its address ({@link #reaching}).
 */
final class AdminSession implements AutoCloseable {
    private final ClusterConfig cluster;
    private final Duration requestTimeout;
    private final GraftClient<byte[], byte[]> client;
    /** Clients of members the file does not list, by member id. */
    private final Map<Integer, GraftClient<byte[], byte[]>> others = new HashMap<>();

    private AdminSession(ClusterConfig cluster, Duration requestTimeout) {
        this.cluster = cluster;
        this.requestTimeout = requestTimeout;
        this.client = connect(cluster, requestTimeout);
    }

    /**
     * Connects to the members of {@code cluster}; each request fails after {@code requestTimeout}.
     *
     * @throws UsageException if the transport cannot be used as a client (unknown, or settings it refuses)
     */
    static AdminSession open(ClusterConfig cluster, Duration requestTimeout) {
        return new AdminSession(cluster, requestTimeout);
    }

    /** The cluster file's configuration. */
    ClusterConfig cluster() {
        return cluster;
    }

    /** Administration through the members of the cluster file. */
    ClusterAdmin admin() {
        return client.admin();
    }

    /** Whether the cluster file lists member {@code id}. */
    boolean knows(int id) {
        return cluster.members().containsKey(id);
    }

    /**
     * Administration that can reach {@code member} itself: through the cluster file's members if it is one of them,
     * else through a client that also knows its address.
     */
    synchronized ClusterAdmin reaching(Member member) {
        if (knows(member.id())) {
            return client.admin();
        }
        return others.computeIfAbsent(member.id(),
                id -> connect(cluster.toBuilder().member(member).build(), requestTimeout)).admin();
    }

    @Override
    public synchronized void close() {
        others.values().forEach(GraftClient::close);
        client.close();
    }

    private static GraftClient<byte[], byte[]> connect(ClusterConfig cluster, Duration requestTimeout) {
        try {
            return GraftClient.builder(cluster, BuiltinCodecs.bytes(), BuiltinCodecs.bytes())
                    .requestTimeout(requestTimeout)
                    // Answers are handed over through a queue or a future the tool waits on: no thread needed.
                    .callbackExecutor(Runnable::run)
                    .build();
        } catch (ConfigurationException e) {
            throw new UsageException(e.getMessage(), e);
        } catch (UnsupportedOperationException e) {
            throw new UsageException("the transport '" + cluster.transport() + "' serves no remote clients ("
                    + e.getMessage() + "); run the cluster on a transport that does, e.g. zeromq", e);
        }
    }
}
