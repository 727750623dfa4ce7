package io.graft.bench.load;

import io.graft.api.RaftNode;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Submits through the public node API, {@link RaftNode#submit}, on the leader (a member of this JVM). */
final class NodeSink implements CommandSink {
    private static final Logger LOG = LoggerFactory.getLogger(NodeSink.class);

    private final BenchCluster cluster;
    private RaftNode<byte[], Void> leader;

    private NodeSink(BenchCluster cluster, RaftNode<byte[], Void> leader) {
        this.cluster = cluster;
        this.leader = leader;
    }

    /** A sink at the leader, once a member of this JVM leads (moving leadership here from a child process). */
    static NodeSink open(BenchCluster cluster) throws TimeoutException, InterruptedException {
        return new NodeSink(cluster, cluster.awaitLocalLeader(LEADER_WAIT));
    }

    @Override
    public CompletableFuture<?> submit(byte[] command) {
        return leader.submit(command);
    }

    @Override
    public boolean followLeader() throws TimeoutException, InterruptedException {
        RaftNode<byte[], Void> next = cluster.awaitLocalLeader(LEADER_WAIT);
        if (next == leader) {
            return false;
        }
        LOG.warn("the leader changed from member {} to member {} during the run", leader.id(), next.id());
        leader = next;
        return true;
    }

    @Override
    public void close() {
        // The nodes belong to the cluster.
    }
}
