package io.graft.itest;

import io.graft.api.config.ClusterConfig;
import io.graft.core.client.GraftClient;
import io.graft.core.config.ClusterConfigLoader;
import io.graft.examples.kv.KvBinaryCodec;
import io.graft.examples.kv.KvCommand;
import io.graft.examples.kv.KvResult;
import java.time.Duration;

/** Makes remote KV clients (over the cluster's own zeromq transport) for the members' current endpoints. */
final class KvClients {
    /** How long one command may take, retries included, before the client reports its outcome as unknown. */
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(5);

    private KvClients() {
    }

    /** The client-side view of the cluster: every member at 127.0.0.1 and its mapped port. */
    static ClusterConfig config(Endpoints endpoints) {
        return ClusterConfigLoader.parse(ClusterYaml.forClients(endpoints), "client view of the test cluster");
    }

    static GraftClient<KvCommand, KvResult> client(Endpoints endpoints) {
        return GraftClient.builder(config(endpoints), KvBinaryCodec.commands(), KvBinaryCodec.results())
                .requestTimeout(REQUEST_TIMEOUT)
                .build();
    }
}
