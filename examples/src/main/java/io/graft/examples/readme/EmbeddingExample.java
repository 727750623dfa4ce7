package io.graft.examples.readme;

import io.graft.api.RaftNode;
import io.graft.api.config.ClusterConfig;
import io.graft.core.Graft;
import io.graft.core.config.ClusterConfigLoader;
import io.graft.examples.kv.KvBinaryCodec;
import io.graft.examples.kv.KvCommand;
import io.graft.examples.kv.KvResult;
import io.graft.examples.kv.KvStore;
import java.util.ArrayList;
import java.util.List;

/** The README's embedding example, kept compiling and running by {@code EmbeddingExampleTest}. */
public final class EmbeddingExample {
    private EmbeddingExample() {
    }

    /** Starts three members in this JVM, writes through the leader, and returns the value read back. */
    public static String run() {
        // README-BEGIN
        ClusterConfig cluster = ClusterConfigLoader.parse("""
                electionTimeout: 150   # milliseconds
                transport: inmemory
                configuration:
                  1: tomato
                  2: gamma
                  3: delta
                """, "cluster.yaml");
        List<RaftNode<KvCommand, KvResult>> nodes = new ArrayList<>();
        for (int id : cluster.memberIds()) {     // in production: one member per process, id from --id
            nodes.add(Graft.node(cluster, id, new KvStore(), KvBinaryCodec.commands()).start());
        }
        int leaderId = nodes.get(0).whenLeaderKnown().join();    // completes once the members elected one
        RaftNode<KvCommand, KvResult> leader = nodes.get(leaderId - 1);
        leader.submit(KvCommand.put("hello", "world")).join();    // committed on a majority, applied
        String value = leader.submit(KvCommand.get("hello")).join().value().orElseThrow();
        nodes.forEach(RaftNode::close);
        // README-END
        return value;
    }
}
