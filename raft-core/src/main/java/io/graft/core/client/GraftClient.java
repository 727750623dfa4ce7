package io.graft.core.client;

import io.graft.api.ClusterAdmin;
import io.graft.api.Codec;
import io.graft.api.CodecException;
import io.graft.api.LeadershipTransferException;
import io.graft.api.MalformedMessageException;
import io.graft.api.MembershipChangeException;
import io.graft.api.NodeClosedException;
import io.graft.api.OutcomeUnknownException;
import io.graft.api.OverloadedException;
import io.graft.api.RaftClient;
import io.graft.api.RaftException;
import io.graft.api.ReadConsistency;
import io.graft.api.RemoteCommandException;
import io.graft.api.config.ClusterConfig;
import io.graft.api.transport.ClientTransport;
import io.graft.core.internal.client.ClientFrames;
import io.graft.core.internal.client.ClientRead;
import io.graft.core.internal.client.ClientRequest;
import io.graft.core.internal.client.ClientResponse;
import io.graft.core.internal.runtime.Callbacks;
import io.graft.core.plugin.Plugins;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.LongFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A remote client of a Graft cluster, through the transport the cluster configuration names. It sends each
 * command to the member it believes leads, follows "not leader" redirects, and retries with backoff; every
 * retry carries the same session and sequence number, so the cluster applies each command once and answers
 * a retry with the original result. Reads ({@link #read}) and administrative requests ({@link #admin()}) go
 * to the leader the same way, outside the log and the session: they are safe to repeat; a member's report and
 * snapshot ({@link ClusterAdmin#report}, {@link ClusterAdmin#takeSnapshot}) go to that member alone.
 *
 * <p>The futures it returns complete on its callback executor: by default a daemon thread of its own,
 * {@code graft-client-callbacks-<session>}, in the order the answers arrived, never on the transport's thread
 * (a slow callback cannot hold up the replies to other requests) nor, with the in-memory transport, on a member's.
 * {@link Builder#callbackExecutor} chooses another. A request's future fails with
 * {@link OutcomeUnknownException} at the request timeout if it may have changed something (a command, a
 * membership change, a leadership transfer), and with {@link TimeoutException} if it changes nothing (a read, a
 * membership query), as {@link RaftClient} describes.
 *
 * <pre>{@code
 * try (RaftClient<KvCommand, KvResult> client = GraftClient.builder(cluster, commands, results).build()) {
 *     client.submit(KvCommand.put("k", "v")).join();
 *     client.read(KvCommand.get("k")).join();
 *     client.admin().transferLeadership(2).join();
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
    /** Each member's {@code host:port}, for messages. */
    private final Map<Integer, String> addresses;
    private final long requestTimeoutNanos;
    private final long retryAfterNanos;
    private final int maxInFlight;
    private final ScheduledExecutorService timer;
    private final Callbacks callbacks;
    /** Commands by sequence number (1, 2, ...): their order gives what the cluster may forget. */
    private final ConcurrentSkipListMap<Long, Call> calls = new ConcurrentSkipListMap<>();
    /** Reads and admin requests by id (-1, -2, ...: never a command's number, see {@link ClientFrames}). */
    private final Map<Long, Request<?>> requests = new ConcurrentHashMap<>();
    private final AtomicLong nextSequence = new AtomicLong();
    private final AtomicLong nextRequestId = new AtomicLong();
    private final AtomicInteger roundRobin = new AtomicInteger();
    private final ClusterAdmin admin = new RemoteClusterAdmin(this);
    private volatile int leaderGuess;
    private volatile boolean closed;

    /** Something sent to the cluster: resent until it gets a final reply or its deadline passes. */
    private abstract static class Outstanding {
        final long deadline;
        final AtomicInteger attempts = new AtomicInteger();
        volatile long sentAt;
        volatile int target;

        Outstanding(long deadline) {
            this.deadline = deadline;
        }

        /** The frame to send now. */
        abstract byte[] frame();

        abstract boolean isDone();

        /** Removes it from its table and fails its future, unless it completed meanwhile. */
        abstract void fail(Throwable error);

        /** What it fails with at its deadline. */
        abstract Throwable timedOut();

        /** How long to wait for a reply before sending it again, perhaps elsewhere. */
        long resendAfterNanos(long retryAfterNanos) {
            return retryAfterNanos;
        }

        /** The member it must go to, and nowhere else; 0 when it goes to the leader. */
        int pinnedTo() {
            return 0;
        }
    }

    /** One command on its way. */
    private final class Call extends Outstanding {
        final long sequence;
        final byte[] command;
        final CompletableFuture<R> future = new CompletableFuture<>();

        Call(long sequence, byte[] command, long deadline) {
            super(deadline);
            this.sequence = sequence;
            this.command = command;
        }

        @Override
        byte[] frame() {
            Map.Entry<Long, Call> first = calls.firstEntry();
            long acknowledged = (first == null ? sequence : Math.min(first.getKey(), sequence)) - 1;
            return ClientFrames.encode(new ClientRequest(sessionId, sequence, acknowledged, command));
        }

        @Override
        boolean isDone() {
            return future.isDone();
        }

        @Override
        void fail(Throwable error) {
            if (calls.remove(sequence, this)) {
                callbacks.fail(future, error);
            }
        }

        @Override
        Throwable timedOut() {
            return new OutcomeUnknownException("no reply to command " + sequence + " within the request timeout; it"
                    + " may or may not be applied (at most once)");
        }
    }

    /**
     * One read or admin request on its way; its answer's body becomes the result through {@code decode}. It goes
     * to the leader, following redirects, unless it is pinned to one member.
     */
    private final class Request<T> extends Outstanding {
        final long id;
        final String what;
        /** Whether it changes nothing: it then fails with a {@link TimeoutException} at its deadline. */
        final boolean read;
        /** Whether it is resent at an even pace, rather than waiting longer each time. */
        final boolean evenPace;
        /** The member it goes to, whatever its role; 0: the leader. */
        final int pinned;
        final byte[] frame;
        final Function<byte[], T> decode;
        final CompletableFuture<T> future = new CompletableFuture<>();
        /** The last answer that led to a retry, for the message if time runs out. */
        volatile String lastAnswer = "";

        Request(long id, String what, boolean read, boolean evenPace, int pinned, byte[] frame,
                Function<byte[], T> decode, long deadline) {
            super(deadline);
            this.id = id;
            this.what = what;
            this.read = read;
            this.evenPace = evenPace;
            this.pinned = pinned;
            this.frame = frame;
            this.decode = decode;
        }

        @Override
        byte[] frame() {
            return frame;
        }

        @Override
        boolean isDone() {
            return future.isDone();
        }

        @Override
        void fail(Throwable error) {
            if (requests.remove(id, this)) {
                callbacks.fail(future, error);
            }
        }

        void succeed(byte[] body) {
            T result;
            try {
                result = decode.apply(body);
            } catch (CodecException e) {
                fail(e);
                return;
            } catch (MalformedMessageException e) {
                fail(new RaftException("cannot read the answer to " + what + ": " + e.getMessage()));
                return;
            }
            if (requests.remove(id, this)) {
                callbacks.complete(future, result);
            }
        }

        /**
         * An admin request may rightly take long before its answer (a new member catching up, a snapshot being
         * written), so each resend waits twice as long as the one before, up to 16 times the base: a lost request
         * is still resent soon, but a slow one does not become a stream of duplicates.
         */
        @Override
        long resendAfterNanos(long retryAfterNanos) {
            return evenPace ? retryAfterNanos : retryAfterNanos << Math.min(4, Math.max(0, attempts.get() - 1));
        }

        @Override
        int pinnedTo() {
            return pinned;
        }

        @Override
        Throwable timedOut() {
            String last = lastAnswer.isEmpty() ? "" : " (last answer: " + lastAnswer + ")";
            long millis = TimeUnit.NANOSECONDS.toMillis(requestTimeoutNanos);
            if (pinned != 0) {
                return new TimeoutException("member " + pinned + " did not answer " + what + " within the request"
                        + " timeout of " + millis + " ms" + last + "; is it running and reachable at "
                        + addresses.get(pinned) + "?");
            }
            if (read) {
                return new TimeoutException("no leader answered " + what + " within the request timeout of " + millis
                        + " ms" + last + "; is a majority of the members running and reachable?");
            }
            return new OutcomeUnknownException("no leader confirmed " + what + " within the request timeout of "
                    + millis + " ms" + last + "; it may or may not have happened: check the membership");
        }
    }

    private GraftClient(Builder<C, R> b) {
        this.sessionId = b.sessionId != 0 ? b.sessionId : new SecureRandom().nextLong() | 1L;
        this.commands = b.commands;
        this.results = b.results;
        this.members = b.cluster.memberIds();
        Map<Integer, String> byId = new HashMap<>();
        b.cluster.members().forEach((id, member) -> byId.put(id, member.address()));
        this.addresses = Map.copyOf(byId);
        this.requestTimeoutNanos = b.requestTimeout.toNanos();
        this.retryAfterNanos = (b.retryAfter != null ? b.retryAfter
                : b.cluster.electionTimeout().multipliedBy(2)).toNanos();
        this.maxInFlight = b.maxInFlight;
        this.transport = b.transport != null ? b.transport
                : new Plugins().transport(b.cluster.transport()).createClient(b.cluster.transportOptions());
        this.callbacks = b.callbackExecutor != null ? Callbacks.on(b.callbackExecutor)
                : Callbacks.ownThread("graft-client-callbacks-" + Long.toHexString(sessionId));
        callbacks.start();
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
        RuntimeException refused = refusal(calls.size(), "commands");
        if (refused != null) {
            return CompletableFuture.failedFuture(refused);
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

    @Override
    public CompletableFuture<R> read(C query, ReadConsistency consistency) {
        Objects.requireNonNull(consistency, "consistency");
        byte[] bytes;
        try {
            bytes = commands.encode(query);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        return request("a " + consistency.name().toLowerCase(java.util.Locale.ROOT) + " read", true,
                id -> ClientFrames.encode(new ClientRead(sessionId, id, consistency, bytes)), results::decode);
    }

    @Override
    public ClusterAdmin admin() {
        return admin;
    }

    /**
     * Sends a read or admin request, built by {@code frame} around the id it is given, to the leader, and
     * completes with its answer's body decoded by {@code decode}.
     *
     * @param what what it asks, for messages
     * @param read whether it changes nothing, as a read or a membership query (it then fails with a
     *             {@link TimeoutException} at the deadline, and is resent at an even pace) rather than being an admin
     *             change (which fails with an {@link OutcomeUnknownException}: it may have happened)
     */
    <T> CompletableFuture<T> request(String what, boolean read, LongFunction<byte[]> frame, Function<byte[], T> decode) {
        return start(what, read, read, 0, frame, decode);
    }

    /**
     * Sends a request to member {@code memberId} itself, whatever its role, and completes with its answer's body
     * decoded by {@code decode}. It is resent to that member only, never redirected, and fails with a
     * {@link TimeoutException} at the deadline (it changes nothing a client could observe).
     *
     * @param evenPace whether it is resent at an even pace (a quick question), rather than waiting longer before
     *                 each resend (a request that may rightly take long, such as a snapshot)
     */
    <T> CompletableFuture<T> requestTo(int memberId, String what, boolean evenPace, LongFunction<byte[]> frame,
                                       Function<byte[], T> decode) {
        if (!addresses.containsKey(memberId)) {
            return CompletableFuture.failedFuture(new IllegalArgumentException("member " + memberId + " is not among"
                    + " the members this client knows " + members + " (its cluster configuration)"));
        }
        return start(what, true, evenPace, memberId, frame, decode);
    }

    private <T> CompletableFuture<T> start(String what, boolean read, boolean evenPace, int pinned,
                                           LongFunction<byte[]> frame, Function<byte[], T> decode) {
        RuntimeException refused = refusal(requests.size(), "reads and admin requests");
        if (refused != null) {
            return CompletableFuture.failedFuture(refused);
        }
        long id = nextRequestId.decrementAndGet();
        Request<T> request = new Request<>(id, what, read, evenPace, pinned, frame.apply(id), decode,
                System.nanoTime() + requestTimeoutNanos);
        requests.put(id, request);
        send(request, targetOf(request));
        return request.future;
    }

    private RuntimeException refusal(int inFlight, String what) {
        if (closed) {
            return new NodeClosedException("the client is closed");
        }
        if (inFlight >= maxInFlight) {
            return new OverloadedException("this client already has " + maxInFlight + " " + what + " in flight; wait"
                    + " for some to complete");
        }
        return null;
    }

    /** Where {@code o} goes now: the member it is pinned to, else the member believed to lead. */
    private int targetOf(Outstanding o) {
        int pinned = o.pinnedTo();
        return pinned != 0 ? pinned : pickTarget();
    }

    private int pickTarget() {
        int guess = leaderGuess;
        return guess != 0 ? guess : members.get(Math.floorMod(roundRobin.getAndIncrement(), members.size()));
    }

    private void send(Outstanding o, int target) {
        if (closed || o.isDone()) {
            return;
        }
        o.target = target;
        o.sentAt = System.nanoTime();
        o.attempts.incrementAndGet();
        transport.send(target, o.frame());
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
        if (r.sequence() > 0) {
            onCommandReply(from, r);
        } else {
            onRequestReply(from, r);
        }
    }

    private void onCommandReply(int from, ClientResponse r) {
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
                    call.fail(e);
                    return;
                }
                if (calls.remove(call.sequence, call)) {
                    callbacks.complete(call.future, result);
                }
            }
            case APPLY_FAILED, RESULT_NOT_ENCODABLE -> call.fail(new RemoteCommandException(
                    "member " + from + ": " + r.status() + ": " + text(r)));
            case SESSION_EXPIRED -> call.fail(new OutcomeUnknownException("session " + Long.toHexString(sessionId)
                    + " expired before command " + call.sequence + " was confirmed; it was not applied after expiry,"
                    + " but may have been before"));
            case BAD_REQUEST, LEADERSHIP_TRANSFER, MEMBERSHIP_REFUSED -> call.fail(new RaftException("member " + from
                    + " refused the request: " + text(r)));
            case NOT_LEADER -> redirect(call, r.leaderHint());
            case OVERLOADED, OUTCOME_UNKNOWN -> retryLater(call, backoff(call));
        }
    }

    private void onRequestReply(int from, ClientResponse r) {
        Request<?> request = requests.get(r.sequence());
        if (request == null) {
            return; // A duplicate reply to a finished request.
        }
        if (request.pinned != 0) {
            onPinnedReply(request, from, r);
            return;
        }
        switch (r.status()) {
            case OK -> {
                leaderGuess = from;
                request.succeed(r.body());
            }
            case APPLY_FAILED, RESULT_NOT_ENCODABLE -> request.fail(new RemoteCommandException(
                    "member " + from + ": " + r.status() + ": " + text(r)));
            case LEADERSHIP_TRANSFER -> request.fail(new LeadershipTransferException(r.leaderHint(), text(r)));
            case MEMBERSHIP_REFUSED -> request.fail(new MembershipChangeException(text(r)));
            case BAD_REQUEST, SESSION_EXPIRED -> request.fail(new RaftException("member " + from
                    + " refused the request: " + text(r)));
            case NOT_LEADER -> {
                request.lastAnswer = "member " + from + " is not the leader";
                redirect(request, r.leaderHint());
            }
            case OVERLOADED, OUTCOME_UNKNOWN -> {
                // A read changes nothing, and every admin request is idempotent: asking again is safe.
                request.lastAnswer = "member " + from + ": " + r.status() + (r.body().length > 0 ? ": " + text(r) : "");
                retryLater(request, backoff(request));
            }
        }
    }

    /**
     * The answer to a request pinned to one member: it says nothing of who leads, and is never followed
     * elsewhere. A member refuses such a request only when it cannot carry it out (the state machine takes no
     * snapshots, the member is closed, or it is not the member addressed).
     */
    private void onPinnedReply(Request<?> request, int from, ClientResponse r) {
        switch (r.status()) {
            case OK -> request.succeed(r.body());
            case OVERLOADED, OUTCOME_UNKNOWN -> {
                request.lastAnswer = "member " + from + ": " + r.status() + (r.body().length > 0 ? ": " + text(r) : "");
                retryLater(request, backoff(request));
            }
            default -> request.fail(new RaftException("member " + from + " refused " + request.what + ": "
                    + (r.body().length > 0 ? text(r) : r.status().toString())));
        }
    }

    private static String text(ClientResponse r) {
        return new String(r.body(), StandardCharsets.UTF_8);
    }

    private void redirect(Outstanding o, int leaderHint) {
        leaderGuess = leaderHint;
        retryLater(o, leaderHint != 0 ? 0 : backoff(o));
    }

    private long backoff(Outstanding o) {
        long base = Math.min(500, 5L << Math.min(6, o.attempts.get()));
        return base / 2 + ThreadLocalRandom.current().nextLong(base / 2 + 1);
    }

    private void retryLater(Outstanding o, long delayMillis) {
        if (delayMillis == 0) {
            send(o, targetOf(o));
            return;
        }
        o.sentAt = System.nanoTime(); // Not overdue while waiting for the backoff.
        try {
            timer.schedule(() -> send(o, targetOf(o)), delayMillis, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            // Closed meanwhile.
        }
    }

    /** Resends what has had no reply for a while (the member may be down), and times out old ones. */
    private void checkOverdue() {
        long now = System.nanoTime();
        for (Call call : calls.values()) {
            checkOverdue(call, now);
        }
        for (Request<?> request : requests.values()) {
            checkOverdue(request, now);
        }
    }

    private void checkOverdue(Outstanding o, long now) {
        if (now - o.deadline > 0) {
            o.fail(o.timedOut());
        } else if (now - o.sentAt > o.resendAfterNanos(retryAfterNanos)) {
            if (o.pinnedTo() == 0 && leaderGuess == o.target) {
                leaderGuess = 0; // That member did not answer: try the others.
            }
            send(o, targetOf(o));
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
            call.fail(new NodeClosedException("the client closed before command " + call.sequence
                    + " was confirmed; it may or may not be applied"));
        }
        for (Request<?> request : requests.values()) {
            request.fail(new NodeClosedException("the client closed before " + request.what + " was answered"));
        }
        callbacks.close(); // Completes what is queued, the failures above included, then ends its thread.
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
        private Executor callbackExecutor;

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

        /**
         * How long a command, read or admin request may take, retries included, before it fails (default
         * 10 s): a command or a membership change with {@link OutcomeUnknownException} (it may have happened), a
         * read or a membership query with {@link TimeoutException} (it changes nothing).
         */
        public Builder<C, R> requestTimeout(Duration d) {
            this.requestTimeout = d;
            return this;
        }

        /** How long to wait for a reply before retrying elsewhere (default twice the election timeout). */
        public Builder<C, R> retryAfter(Duration d) {
            this.retryAfter = d;
            return this;
        }

        /** The most commands in flight at once, and separately the most reads and admin requests (default 1024). */
        public Builder<C, R> maxInFlight(int n) {
            this.maxInFlight = n;
            return this;
        }

        /**
         * Where the futures the client returns complete, and so where the callbacks chained on them run. By
         * default a daemon thread of the client's own, {@code graft-client-callbacks-<session>}, which completes
         * them in the order the answers arrived. An executor given here keeps that order only if it runs tasks one
         * at a time, in order; the client does not shut it down. {@code Runnable::run} completes them on the thread
         * that received the answer (the transport's), for the least latency when callbacks are quick.
         */
        public Builder<C, R> callbackExecutor(Executor executor) {
            this.callbackExecutor = Objects.requireNonNull(executor, "executor");
            return this;
        }

        /** Connects; the client is ready at once. */
        public GraftClient<C, R> build() {
            return new GraftClient<>(this);
        }
    }
}
