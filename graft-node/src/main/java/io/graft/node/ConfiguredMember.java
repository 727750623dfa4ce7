package io.graft.node;

import io.graft.api.Codec;
import io.graft.api.CodecException;
import io.graft.api.CodecProvider;
import io.graft.api.RaftNode;
import io.graft.api.StateMachine;
import io.graft.api.StateMachineProvider;
import io.graft.api.config.ClusterConfig;
import io.graft.api.config.ConfigurationException;
import io.graft.api.metrics.MetricsRecorder;
import io.graft.core.Graft;
import io.graft.core.plugin.Plugins;

/**
 * Starts one member from nothing but a cluster configuration: the state machine, the codec and the transport
 * are the plug-ins the configuration names, found on the class path. Nothing here knows any particular state
 * machine, so a user's own jar with {@code META-INF/services} entries is all it takes to run it.
 */
final class ConfiguredMember {

    private ConfiguredMember() {
    }

    /**
     * Resolves the plug-ins and starts member {@code memberId}.
     *
     * @param joining whether the member joins a running cluster (see {@code Graft.NodeBuilder.joining}): with an
     *                empty log it waits for the leader to add it instead of taking the file's members as the
     *                cluster
     *
     * @throws UsageException if a plug-in is not found, the codec cannot handle the state machine's types, or
     *                        the configuration is refused while starting
     */
    static RaftNode<?, ?> start(ClusterConfig cluster, int memberId, Plugins plugins, boolean joining) {
        return start(cluster, memberId, plugins, joining, MetricsRecorder.NONE);
    }

    /** As above, with {@code metrics} recording the member's measurements. */
    static RaftNode<?, ?> start(ClusterConfig cluster, int memberId, Plugins plugins, boolean joining,
                                MetricsRecorder metrics) {
        StateMachineProvider<?, ?> stateMachine;
        CodecProvider codec;
        try {
            stateMachine = plugins.stateMachine(cluster.stateMachine());
            codec = plugins.codec(cluster.codec());
            // Graft finds the transport by name itself; looking it up first reports a wrong name before
            // anything starts, alongside the other plug-in errors.
            plugins.transport(cluster.transport());
        } catch (ConfigurationException e) {
            throw new UsageException(e.getMessage(), e);
        }
        return start(cluster, memberId, stateMachine, codec, joining, metrics);
    }

    private static <C, R> RaftNode<C, R> start(ClusterConfig cluster, int memberId,
                                               StateMachineProvider<C, R> provider, CodecProvider codecs,
                                               boolean joining, MetricsRecorder metrics) {
        Codec<C> commands = codecFor(codecs, provider.commandType(), "command", cluster);
        Codec<R> results = codecFor(codecs, provider.resultType(), "result", cluster);
        try {
            StateMachine<C, R> stateMachine = provider.create(cluster.stateMachineOptions());
            return Graft.node(cluster, memberId, stateMachine, commands).resultCodec(results).joining(joining)
                    .metrics(metrics).start();
        } catch (ConfigurationException e) {
            throw new UsageException(e.getMessage(), e);
        }
    }

    private static <T> Codec<T> codecFor(CodecProvider codecs, Class<T> type, String role, ClusterConfig cluster) {
        try {
            return codecs.codecFor(type, cluster.codecOptions());
        } catch (CodecException | ConfigurationException e) {
            throw new UsageException("the codec '" + cluster.codec() + "' cannot encode the " + role + "s of the state"
                    + " machine '" + cluster.stateMachine() + "' (" + type.getName() + "): " + e.getMessage()
                    + "; choose another codec in the cluster file", e);
        }
    }
}
