package io.graft.itest;

import io.graft.api.MalformedMessageException;
import io.graft.api.config.ClusterConfig;
import io.graft.api.transport.ClientTransport;
import io.graft.core.internal.client.ClientFrames;
import io.graft.core.internal.client.ClientRequest;
import io.graft.core.internal.client.ClientResponse;
import io.graft.core.internal.client.ClientStatus;
import io.graft.core.plugin.Plugins;
import io.graft.examples.kv.KvBinaryCodec;
import io.graft.examples.kv.KvCommand;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Finds the leader from outside: asks every member directly to read a key nobody writes. Only a leader that
 * still has a majority commits the read and answers OK; followers answer "not leader", a deposed or cut-off
 * leader does not answer in time. The remote client protocol has no status request, so this is an ordinary
 * (harmless) read, sent to each member rather than through a client that follows redirects.
 */
final class LeaderProbe {
    private static final String PROBE_KEY = "itest.leader.probe";
    private static final long RESEND_MILLIS = 200;

    private LeaderProbe() {
    }

    /** The member that committed the probe read within {@code timeout}, if one did. */
    static OptionalInt leader(Endpoints endpoints, Duration timeout) {
        ClusterConfig cluster = KvClients.config(endpoints);
        byte[] command = KvBinaryCodec.commands().encode(KvCommand.get(PROBE_KEY));
        SecureRandom random = new SecureRandom();
        Map<Long, Integer> memberOf = new HashMap<>();
        Map<Integer, byte[]> requests = new HashMap<>();
        for (int id : cluster.memberIds()) {
            long session = random.nextLong() | 1L;
            memberOf.put(session, id);
            requests.put(id, ClientFrames.encode(new ClientRequest(session, 1, 0, command)));
        }
        CompletableFuture<Integer> leader = new CompletableFuture<>();
        ClientTransport transport = new Plugins().transport(cluster.transport()).createClient(cluster.transportOptions());
        try {
            transport.start(cluster, (from, frame) -> {
                try {
                    ClientResponse r = ClientFrames.decodeResponse(frame);
                    Integer asked = memberOf.get(r.sessionId());
                    if (asked != null && asked == from && r.status() == ClientStatus.OK) {
                        leader.complete(from);
                    }
                } catch (MalformedMessageException e) {
                    // Not an answer to this probe.
                }
            });
            long deadline = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < deadline) {
                requests.forEach(transport::send); // Same session and sequence: a retry is applied once.
                try {
                    return OptionalInt.of(leader.get(Math.min(RESEND_MILLIS,
                            TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()) + 1), TimeUnit.MILLISECONDS));
                } catch (TimeoutException e) {
                    // Ask again.
                }
            }
            return OptionalInt.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return OptionalInt.empty();
        } catch (ExecutionException e) {
            throw new IllegalStateException(e);
        } finally {
            transport.close();
        }
    }
}
