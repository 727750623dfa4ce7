package io.graft.bench.load;

import io.graft.api.RaftClient;
import io.graft.api.config.ClusterConfig;
import io.graft.api.config.ConfigurationException;
import io.graft.api.config.Options;
import io.graft.api.transport.ClientTransport;
import io.graft.api.transport.TransportProvider;
import io.graft.core.client.GraftClient;
import io.graft.core.codec.BuiltinCodecs;
import io.graft.core.plugin.Plugins;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;

/**
 * Submits through a remote client ({@link GraftClient}) over the client side of the cluster's transport, as
 * a program outside the cluster would. The client follows the leader and retries by itself, and its session
 * makes each retry apply at most once, so the exactly-once check holds as with the node API.
 */
final class ClientSink implements CommandSink {
    /** Longer than any stall of a healthy run: a command that times out counts as failed. */
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

    private final RaftClient<byte[], Void> client;

    private ClientSink(RaftClient<byte[], Void> client) {
        this.client = client;
    }

    /**
     * A client of {@code cluster} allowing {@code inFlight} commands at once, opened once a leader is known.
     *
     * @throws ConfigurationException if the cluster's transport has no client side
     */
    static ClientSink open(BenchCluster cluster, int inFlight) throws TimeoutException, InterruptedException {
        ClusterConfig config = cluster.config();
        ClientTransport transport = clientSideOf(new Plugins().transport(config.transport()),
                config.transportOptions());
        try {
            cluster.awaitLeaderId(LEADER_WAIT);
            return new ClientSink(GraftClient.builder(config, BuiltinCodecs.bytes(), NoResultCodec.INSTANCE)
                    .transport(transport)
                    .maxInFlight(inFlight)
                    .requestTimeout(REQUEST_TIMEOUT)
                    .build());
        } catch (TimeoutException | InterruptedException | RuntimeException e) {
            transport.close();
            throw e;
        }
    }

    /**
     * The client side of {@code provider}'s transport.
     *
     * @throws ConfigurationException if it has none, saying what to use instead
     */
    static ClientTransport clientSideOf(TransportProvider provider, Options options) {
        try {
            return provider.createClient(options);
        } catch (UnsupportedOperationException e) {
            throw new ConfigurationException("submit", "--submit client needs a transport with a client side for"
                    + " remote clients, and the '" + provider.name() + "' transport has none (" + e.getMessage()
                    + "); use --submit node, or a transport that serves clients: inmemory, inmemory-ref, zeromq,"
                    + " zeromq-process");
        }
    }

    @Override
    public CompletableFuture<?> submit(byte[] command) {
        return client.submit(command);
    }

    @Override
    public boolean followLeader() {
        return false; // The client follows redirects itself.
    }

    @Override
    public void close() {
        client.close();
    }
}
