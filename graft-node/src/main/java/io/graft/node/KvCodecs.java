package io.graft.node;

import io.graft.api.Codec;
import io.graft.api.CodecException;
import io.graft.api.CodecProvider;
import io.graft.api.config.ClusterConfig;
import io.graft.api.config.ConfigurationException;
import io.graft.core.plugin.Plugins;
import io.graft.examples.kv.KvCommand;
import io.graft.examples.kv.KvResult;
import io.graft.examples.kv.KvStateMachineProvider;

/**
 * The codecs of the key-value example's commands and results, as the cluster file names them ({@code codec}),
 * so that the command line client speaks exactly what the members expect.
 *
 * @param commands encodes {@link KvCommand}s
 * @param results decodes {@link KvResult}s
 */
record KvCodecs(Codec<KvCommand> commands, Codec<KvResult> results) {

    /**
     * The codecs for {@code cluster}.
     *
     * @throws UsageException if the cluster runs another state machine, or its codec cannot be found or cannot
     *                        handle the key-value types
     */
    static KvCodecs of(ClusterConfig cluster, Plugins plugins) {
        String stateMachine = cluster.stateMachine();
        if (!stateMachine.isEmpty() && !stateMachine.equals(KvStateMachineProvider.NAME)) {
            throw new UsageException("graft-cli speaks the '" + KvStateMachineProvider.NAME + "' example's commands,"
                    + " but this cluster runs the state machine '" + stateMachine + "'; to see or administer it, use"
                    + " 'graft' (status, report, members, ...)");
        }
        try {
            CodecProvider codecs = plugins.codec(cluster.codec());
            return new KvCodecs(codecs.codecFor(KvCommand.class, cluster.codecOptions()),
                    codecs.codecFor(KvResult.class, cluster.codecOptions()));
        } catch (CodecException | ConfigurationException e) {
            throw new UsageException("cannot use the codec '" + cluster.codec() + "' for key-value commands: "
                    + e.getMessage(), e);
        }
    }
}
