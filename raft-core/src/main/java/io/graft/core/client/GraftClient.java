package io.graft.core.client;

import io.graft.api.Codec;
import io.graft.api.CodecException;
import io.graft.api.NodeClosedException;
import io.graft.api.OutcomeUnknownException;
import io.graft.api.OverloadedException;
import io.graft.api.RaftClient;
import io.graft.api.RaftException;
import io.graft.api.RemoteCommandException;
import io.graft.api.config.ClusterConfig;
import io.graft.api.transport.ClientTransport;
import io.graft.core.plugin.Plugins;
import io.graft.core.protocol.MalformedMessageException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A remote client of a Graft cluster, through the transport the cluster configuration names. It sends each
 * command to the member it believes leads, follows "not leader" redirects, and retries with backoff; every
 * retry carries the same session and sequence number, so the cluster applies each command once and answers
 * a retry with the original result.
 *
 * <pre>{@code
 * try (RaftClient<KvCommand, KvResult> client = GraftClient.builder(cluster, commands, results).build()) {
 *     client.submit(KvCommand.put("k", "v")).join();
 * }
 * }</pre>
 */
public final class GraftClient<C, R> implements RaftClient<C, R> {
    private static final Logger LOG = LoggerFactory.getLogger(GraftClient.class);

    private final long sessionId;
    private final Codec<C> commands;
    private final Codec<R> results;
    private final ClientTransport transport;
    private final List<Integer> members;
    private final long requestTimeoutNanos;
    private final long retryAfterNanos;
    private final int maxInFlight;
    private final ScheduledExecutorService timer;
    private final ConcurrentSkipListMap<Long, Call> calls = new ConcurrentSkipListMap<>();
    private final AtomicLong nextSequence = new AtomicLong();
    private final AtomicInteger roundRobin = new AtomicInteger();
    private volatile int leaderGuess;
    private volatile boolean closed;

    /** One command on its way: retried until it gets a final reply or times out. */
    private final class Call {
        final long sequence;
        final byte[] command;
        final long deadline;
        final CompletableFuture<R> future = new CompletableFuture<>();
        volatile long sentAt;
        volatile int target;
        final AtomicInteger attempts = new AtomicInteger();

        Call(long sequence, byte[] command, long deadline) {
            this.sequence = sequence;
            this.command = command;
            this.deadline = deadline;
        }
    }

    private GraftClient(Builder<C, R> b) {
        this.sessionId = b.sessionId != 0 ? b.sessionId : new SecureRandom().nextLong() | 1L;
        this.commands = b.commands;
        this.results = b.results;
        this.members = b.cluster.memberIds();
        this.requestTimeoutNanos = b.requestTimeout.toNanos();
        this.retryAfterNanos = (b.retryAfter != null ? b.retryAfter
                : b.cluster.electionTimeout().multipliedBy(2)).toNanos();
        this.maxInFlight = b.maxInFlight;
        this.transport = b.transport != null ? b.transport
                : new Plugins().transport(b.cluster.transport()).createClient(b.cluster.transportOptions());
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "graft-client-" + Long.toHexString(sessionId));
            t.setDaemon(true);
            return t;
        });
        transport.start(b.cluster, this::onReply);
        long tick = Math.max(1, TimeUnit.NANOSECONDS.toMillis(retryAfterNanos) / 4);
        timer.scheduleWithFixedDelay(this::checkOverdue, tick, tick, TimeUnit.MILLISECONDS);
    }

    /** A builder for a client of {@code cluster} with these codecs for commands and results. */
    public static <C, R> Builder<C, R> builder(ClusterConfig cluster, Codec<C> commands, Codec<R> results) {
        return new Builder<>(cluster, commands, results);
    }

    @Override
    public long sessionId() {
        return sessionId;
    }

    @Override
    public CompletableFuture<R> submit(C command) {
        if (closed) {
            return CompletableFuture.failedFuture(new NodeClosedException("the client is closed"));
        }
        if (calls.size() >= maxInFlight) {
            return CompletableFuture.failedFuture(new OverloadedException("this client already has " + maxInFlight
                    + " commands in flight; wait for some to complete"));
        }
        byte[] bytes;
        try {
            bytes = commands.encode(command);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        Call call = new Call(nextSequence.incrementAndGet(), bytes, System.nanoTime() + requestTimeoutNanos);
        calls.put(call.sequence, call);
        send(call, pickTarget());
        return call.future;
    }

    private int pickTarget() {
        int guess = leaderGuess;
        return guess != 0 ? guess : members.get(Math.floorMod(roundRobin.getAndIncrement(), members.size()));
    }

    private void send(Call call, int target) {
        if (closed || call.future.isDone()) {
            return;
        }
        call.target = target;
        call.sentAt = System.nanoTime();
        call.attempts.incrementAndGet();
        Map.Entry<Long, Call> first = calls.firstEntry();
        long acknowledged = (first == null ? call.sequence : Math.min(first.getKey(), call.sequence)) - 1;
        transport.send(target, ClientFrames.encode(new ClientRequest(sessionId, call.sequence, acknowledged, call.command)));
    }

    private void onReply(int from, ByteBuffer frame) {
        ClientResponse r;
        try {
            r = ClientFrames.decodeResponse(frame);
        } catch (MalformedMessageException e) {
            LOG.debug("dropping an undecodable reply from member {}: {}", from, e.getMessage());
            return;
        }
        if (r.sessionId() != sessionId) {
            return;
        }
        Call call = calls.get(r.sequence());
        if (call == null) {
            return; // A duplicate reply to a finished command.
        }
        switch (r.status()) {
            case OK -> {
                leaderGuess = from;
                R result;
                try {
                    result = results.decode(r.body());
                } catch (CodecException e) {
                    finish(call, e);
                    return;
                }
                if (calls.remove(call.sequence, call)) {
                    call.future.complete(result);
                }
            }
            case APPLY_FAILED, RESULT_NOT_ENCODABLE -> finish(call, new RemoteCommandException(
                    "member " + from + ": " + r.status() + ": " + new String(r.body(), StandardCharsets.UTF_8)));
            case SESSION_EXPIRED -> finish(call, new OutcomeUnknownException("session " + Long.toHexString(sessionId)
                    + " expired before command " + call.sequence + " was confirmed; it was not applied after expiry,"
                    + " but may have been before"));
            case BAD_REQUEST -> finish(call, new RaftException("member " + from + " refused the request: "
                    + new String(r.body(), StandardCharsets.UTF_8)));
            case NOT_LEADER -> {
                leaderGuess = r.leaderHint();
                retryLater(call, r.leaderHint() != 0 ? 0 : backoff(call));
            }
            case OVERLOADED, OUTCOME_UNKNOWN -> retryLater(call, backoff(call));
        }
    }

    private long backoff(Call call) {
        long base = Math.min(500, 5L << Math.min(6, call.attempts.get()));
        return base / 2 + ThreadLocalRandom.current().nextLong(base / 2 + 1);
    }

    private void retryLater(Call call, long delayMillis) {
        if (delayMillis == 0) {
            send(call, pickTarget());
            return;
        }
        call.sentAt = System.nanoTime(); // Not overdue while waiting for the backoff.
        try {
            timer.schedule(() -> send(call, pickTarget()), delayMillis, TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // Closed meanwhile.
        }
    }

    private void finish(Call call, RuntimeException error) {
        if (calls.remove(call.sequence, call)) {
            call.future.completeExceptionally(error);
        }
    }

    /** Retries requests with no reply for a while (the member may be down), and times out old ones. */
    private void checkOverdue() {
        long now = System.nanoTime();
        for (Call call : calls.values()) {
            if (now - call.deadline > 0) {
                finish(call, new OutcomeUnknownException("no reply to command " + call.sequence + " within the"
                        + " request timeout; it may or may not be applied (at most once)"));
            } else if (now - call.sentAt > retryAfterNanos) {
                if (leaderGuess == call.target) {
                    leaderGuess = 0; // That member did not answer: try the others.
                }
                send(call, pickTarget());
            }
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        timer.shutdownNow();
        transport.close();
        for (Call call : calls.values()) {
            finish(call, new NodeClosedException("the client closed before command " + call.sequence
                    + " was confirmed; it may or may not be applied"));
        }
    }

    /** Configures a {@link GraftClient}. */
    public static final class Builder<C, R> {
        private final ClusterConfig cluster;
        private final Codec<C> commands;
        private final Codec<R> results;
        private ClientTransport transport;
        private Duration requestTimeout = Duration.ofSeconds(10);
        private Duration retryAfter;
        private int maxInFlight = 1024;
        private long sessionId;

        private Builder(ClusterConfig cluster, Codec<C> commands, Codec<R> results) {
            this.cluster = cluster;
            this.commands = commands;
            this.results = results;
        }

        /** Uses this client transport instead of the configured transport's client side. */
        public Builder<C, R> transport(ClientTransport t) {
            this.transport = t;
            return this;
        }

        /** How long a command may take, retries included, before it fails as outcome unknown (default 10 s). */
        public Builder<C, R> requestTimeout(Duration d) {
            this.requestTimeout = d;
            return this;
        }

        /** How long to wait for a reply before retrying elsewhere (default twice the election timeout). */
        public Builder<C, R> retryAfter(Duration d) {
            this.retryAfter = d;
            return this;
        }

        /** The most commands in flight at once (default 1024). */
        public Builder<C, R> maxInFlight(int n) {
            this.maxInFlight = n;
            return this;
        }

        /** Connects; the client is ready at once. */
        public GraftClient<C, R> build() {
            return new GraftClient<>(this);
        }
    }
}
