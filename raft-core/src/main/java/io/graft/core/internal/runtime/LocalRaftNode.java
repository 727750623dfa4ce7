package io.graft.core.internal.runtime;

import io.graft.api.Codec;
import io.graft.api.IndexedResult;
import io.graft.api.LeadershipTransferException;
import io.graft.api.Membership;
import io.graft.api.MembershipChangeException;
import io.graft.api.NodeClosedException;
import io.graft.api.NodeStatus;
import io.graft.api.NotLeaderException;
import io.graft.api.OverloadedException;
import io.graft.api.RaftException;
import io.graft.api.RaftNode;
import io.graft.api.ReadConsistency;
import io.graft.api.Role;
import io.graft.api.StateMachine;
import io.graft.api.StorageException;
import io.graft.api.config.ClusterConfig;
import io.graft.api.config.Member;
import io.graft.api.event.MemberStopped;
import io.graft.api.event.RaftEventListener;
import io.graft.api.metrics.MetricsRecorder;
import io.graft.api.report.MemberReport;
import io.graft.api.transport.Transport;
import io.graft.api.transport.TransportContext;
import io.graft.core.Clock;
import io.graft.core.internal.client.SessionTable;
import io.graft.core.internal.protocol.ClusterMembership;
import io.graft.core.internal.raft.RaftConfig;
import io.graft.core.internal.raft.RaftCore;
import io.graft.core.snapshot.SnapshotMeta;
import io.graft.core.snapshot.SnapshotStore;
import io.graft.core.storage.EntryType;
import io.graft.core.storage.LogStorage;
import io.graft.core.storage.StoredState;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A member running in this JVM: its {@link RaftCore} on an {@link EventLoop} thread, with a storage thread,
 * an apply thread and a snapshot thread; the futures it returns complete through its {@link Callbacks} (its
 * callback thread, unless the builder was given an executor). Built by {@link io.graft.core.Graft}.
 */
public final class LocalRaftNode<C, R> implements RaftNode<C, R> {
    private static final Logger LOG = LoggerFactory.getLogger(LocalRaftNode.class);

    private final int id;
    private final StateMachine<C, R> stateMachine;
    private final Clock clock;
    private final long electionTimeout;
    private final Duration handOffOnClose;
    private final Codec<C> codec;
    private final Transport transport;
    private final LogStorage storage;
    private final int maxPending;
    private final AtomicInteger pendingCount = new AtomicInteger();
    private final EventLoop<R> loop;
    private final StorageWorker storageWorker;
    private final ApplyWorker<C, R> applyWorker;
    private final SnapshotWorker snapshotWorker;
    private final NodeInbox inbox;
    private final Thread loopThread;
    private final Thread storageThread;
    private final Thread applyThread;
    private final Callbacks callbacks;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final MetricsRecorder metrics;
    private final NodeEvents events;
    private final ReportBuilder reports;
    /** Completed once the member has stopped and released its transport and storage. */
    private final CompletableFuture<Void> stopped = new CompletableFuture<>();

    /**
     * Starts a member: recovers its snapshot and log, then joins the cluster. Use
     * {@link io.graft.core.Graft#node} rather than this constructor.
     *
     * @param joining whether this member joins a running cluster: then, unless its log or snapshot already
     *                holds a membership, it starts with none (not the configuration file's), and waits for the
     *                leader instead of campaigning
     * @param handOffOnClose how long {@link #close()} of a leader waits for another member to take over first;
     *                       zero to close at once
     * @param callbackExecutor where the futures it returns complete, or {@code null} for a thread of its own
     * @param observers the listeners and metrics recorder that watch it from its start
     */
    public LocalRaftNode(ClusterConfig cluster, RaftConfig raftConfig, StateMachine<C, R> stateMachine,
                         Codec<C> codec, Codec<R> resultCodec, Transport transport, LogStorage storage, Clock clock,
                         RandomGenerator random, boolean joining, Duration handOffOnClose,
                         Executor callbackExecutor, NodeObservers observers) {
        this.id = raftConfig.self();
        this.metrics = observers.metrics();
        this.stateMachine = stateMachine;
        this.clock = clock;
        this.electionTimeout = raftConfig.electionTimeout();
        this.handOffOnClose = Objects.requireNonNull(handOffOnClose, "handOffOnClose");
        this.codec = codec;
        this.transport = transport;
        this.storage = storage;
        this.maxPending = cluster.maxPendingCommands();
        this.callbacks = callbackExecutor != null ? Callbacks.on(callbackExecutor)
                : Callbacks.ownThread("graft-callbacks-" + id);
        this.events = new NodeEvents(callbacks::execute, observers.listeners());
        SnapshotStore snapshots = storage.snapshots();
        SnapshotMeta snapshot = snapshots.latest().orElse(null);
        SessionTable sessions = new SessionTable(cluster.sessionTimeout().toMillis());
        if (snapshot != null) {
            try {
                ApplyWorker.restore(stateMachine, sessions, snapshots, snapshot);
            } catch (IOException e) {
                throw new StorageException("member " + id + " cannot restore its snapshot at index "
                        + snapshot.index() + ": " + e.getMessage(), e);
            }
        }
        StoredState stored = storage.load();
        ClusterMembership bootstrap = joining ? ClusterMembership.EMPTY
                : ClusterMembership.ofVoters(cluster.members().values());
        RaftCore core = new RaftCore(raftConfig, bootstrap, stored, snapshot, random, clock.millis());
        core.entriesKeptAfterSnapshot(cluster.snapshotLogRetention());
        core.setLeaderNoopPayload(codec.descriptor().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        Runnable done = pendingCount::decrementAndGet;
        @SuppressWarnings("unchecked")
        EventLoop<R>[] loopRef = new EventLoop[1];
        ClusterMembership applied = snapshot != null && snapshot.membership() != null ? snapshot.membership() : bootstrap;
        this.applyWorker = new ApplyWorker<>(id, stateMachine, codec, resultCodec, sessions, snapshots, applied,
                cluster.snapshotEvery(), snapshot, n -> pendingCount.addAndGet(-n), e -> loopRef[0].fail(e),
                callbacks);
        StorageWorker.Listener[] listener = new StorageWorker.Listener[1];
        this.storageWorker = new StorageWorker(id, storage, transport, new StorageWorker.Listener() {
            @Override
            public void persisted(long index, long term) {
                listener[0].persisted(index, term);
            }

            @Override
            public void storageFailed(Throwable cause) {
                listener[0].storageFailed(cause);
            }
        });
        this.loop = new EventLoop<>(id, core, transport, storageWorker, applyWorker, clock, done, callbacks);
        loopRef[0] = loop;
        listener[0] = loop;
        this.snapshotWorker = new SnapshotWorker(id, snapshots, transport, loop, loop::fail,
                cluster.snapshotChunkBytes());
        loop.whenFailed(this::stopAfterFailure);
        applyWorker.attach(snapshotWorker);
        loop.attach(snapshotWorker, raftConfig.electionTimeout());
        loop.writeStorageInline(storage.writesInline());
        loop.attach(events, snapshot == null ? 0 : snapshot.index(), snapshotBytes(snapshots, snapshot));
        this.reports = new ReportBuilder(id, cluster.clusterId(), clock, applyWorker::appliedIndex, loop::failure);
        storageWorker.measure(metrics);
        applyWorker.countSessions(metrics::clientSessions);
        ClientService clients = new ClientService(id, loop, pendingCount, maxPending, metrics, this::status,
                new RemoteReads<>(this, codec, resultCodec), new RemoteAdmin(this));
        this.inbox = new NodeInbox(id, loop::deliver, clients::handle);

        metrics.started(this, transport); // Before any thread starts: a recorder that throws leaves nothing running.
        this.applyThread = thread(applyWorker, "graft-apply-" + id);
        this.storageThread = thread(storageWorker, "graft-storage-" + id);
        this.loopThread = thread(loop, "graft-node-" + id);
        // The transport first: messages that arrive before the loop runs just wait in its queue, while a
        // loop that ran first could send through a transport that is not ready.
        transport.start(new TransportContext(id, cluster, inbox, this::transportFailed));
        callbacks.start(); // Anything handed over before this waits in its queue.
        applyThread.start();
        storageThread.start();
        ClusterMembership effective = core.membership();
        if (!effective.seats().isEmpty() && !effective.members().equals(List.copyOf(cluster.members().values()))) {
            // The log knows better than the configuration file, which is only the bootstrap membership.
            transport.membersChanged(effective.members());
        }
        loopThread.start();
        LOG.info("member {} started: snapshot at {}, {} log entries, term {}", id,
                snapshot == null ? 0 : snapshot.index(), stored.entries().size(), stored.hardState().term());
    }

    private static long snapshotBytes(SnapshotStore snapshots, SnapshotMeta snapshot) {
        if (snapshot == null) {
            return 0;
        }
        try {
            return snapshots.size(snapshot);
        } catch (IOException | RuntimeException e) {
            return 0; // Only for reports: the snapshot itself was read a moment ago.
        }
    }

    private static Thread thread(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    @Override
    public int id() {
        return id;
    }

    /**
     * {@inheritDoc}
     *
     * <p>The future completes on this member's callback executor (its callback thread unless the builder was
     * given one), never on the thread that drives Raft, in the order the results were produced.
     */
    @Override
    public CompletableFuture<R> submit(C command) {
        return submit(command, null);
    }

    @Override
    public CompletableFuture<IndexedResult<R>> submitIndexed(C command) {
        AtomicLong index = new AtomicLong();
        return submit(command, index::set).thenApply(result -> new IndexedResult<>(index.get(), result));
    }

    private CompletableFuture<R> submit(C command, LongConsumer onPlaced) {
        CompletableFuture<R> future = metrics == MetricsRecorder.NONE ? new CompletableFuture<>()
                : new TimedFuture<>(metrics);
        RaftException refused = refusal();
        if (refused != null) {
            future.completeExceptionally(refused);
            return future;
        }
        byte[] payload;
        try {
            payload = codec.encode(command);
        } catch (RuntimeException e) {
            future.completeExceptionally(e);
            return future;
        }
        if (pendingCount.incrementAndGet() > maxPending) {
            pendingCount.decrementAndGet();
            metrics.commandOverloaded();
            future.completeExceptionally(new OverloadedException("member " + id + " already has " + maxPending
                    + " commands pending; wait for some to complete or raise maxPendingCommands"));
            return future;
        }
        if (future instanceof TimedFuture<R> timed) {
            timed.started();
        }
        @SuppressWarnings("unchecked")
        CompletableFuture<Object> untyped = (CompletableFuture<Object>) (CompletableFuture<?>) future;
        loop.propose(onPlaced == null ? new Proposal(payload, EntryType.COMMAND, untyped)
                : new Proposal(payload, EntryType.COMMAND, untyped, onPlaced));
        if (!loop.isRunning()) {
            loop.failQueuedProposals(closedException().getMessage());
        }
        return future;
    }

    /** Why this member cannot take a leader's work now (closed, or not the leader), or {@code null}. */
    private RaftException refusal() {
        if (!loop.isRunning()) {
            return closedException();
        }
        NodeStatus s = loop.status();
        return s.role() != Role.LEADER ? new NotLeaderException(id, s.leaderId()) : null;
    }

    private NodeClosedException closedException() {
        Throwable f = loop.failure();
        return new NodeClosedException(f == null ? "member " + id + " is closed" : "member " + id + " stopped: " + f);
    }

    @Override
    public NodeStatus status() {
        NodeStatus s = loop.status();
        return new NodeStatus(s.memberId(), s.role(), s.term(), s.leaderId(), s.commitIndex(),
                applyWorker.appliedIndex(), s.lastLogIndex(), s.catchingUp());
    }

    @Override
    public CompletableFuture<R> read(C query, ReadConsistency consistency) {
        return read(query, consistency, new CompletableFuture<>());
    }

    /** A read for a remote client: its future completes on the member's own threads, which send the reply. */
    CompletableFuture<R> readForClient(C query, ReadConsistency consistency) {
        return read(query, consistency, new DirectFuture<>());
    }

    private CompletableFuture<R> read(C query, ReadConsistency consistency, CompletableFuture<R> future) {
        RaftException refused = refusal();
        if (refused != null) {
            future.completeExceptionally(refused);
            return future;
        }
        loop.read(new ReadRequest<>(() -> stateMachine.query(query), future, Objects.requireNonNull(consistency)));
        if (!loop.isRunning()) {
            loop.failQueuedReads(closedException());
        }
        return future;
    }

    @Override
    public CompletableFuture<R> readAtLeast(long index, C query) {
        CompletableFuture<R> future = new CompletableFuture<>();
        if (!loop.isRunning()) {
            future.completeExceptionally(closedException());
            return future;
        }
        applyWorker.submit(new ApplyTask.Query<>(index, () -> stateMachine.query(query), future));
        return future;
    }

    @Override
    public CompletableFuture<Void> transferLeadership(int memberId) {
        return transferLeadership(memberId, new CompletableFuture<>());
    }

    private CompletableFuture<Void> transferLeadership(int memberId, CompletableFuture<Void> future) {
        if (!loop.isRunning()) {
            future.completeExceptionally(closedException());
            return future;
        }
        loop.withCore(core -> {
            if (core.role() != Role.LEADER) {
                callbacks.fail(future, new NotLeaderException(id, core.leaderId()));
                return;
            }
            if (memberId == id) {
                callbacks.complete(future, null); // Already there.
                return;
            }
            if (memberId != 0 && !core.membership().isVoter(memberId)) {
                callbacks.fail(future, new LeadershipTransferException(memberId, "member " + memberId
                        + " cannot take over: it is not a voter (voters are " + core.membership().voterIds() + ")"));
                return;
            }
            int target = core.transferLeadership(memberId);
            if (target == 0) {
                callbacks.fail(future, new LeadershipTransferException(0, "member " + id
                        + " is the only voter; there is nobody to hand leadership to"));
                return;
            }
            loop.watch(new TransferWatch(future, id, target, core.term(), clock.millis(), electionTimeout));
        }, future);
        return future;
    }

    @Override
    public CompletableFuture<Void> addMember(Member member) {
        Objects.requireNonNull(member, "member");
        // A voter listed at another address moved (restarted elsewhere): the entry records its new address, which
        // every member's transport then dials instead of the old one. No voter changes, so no catching up.
        return changeMembership("add member " + member.id() + " as a voter", m -> !m.isVoter(member.id())
                        ? m.with(member, ClusterMembership.Kind.JOINING)
                        : m.seats().get(member.id()).member().equals(member) ? m
                        : m.with(member, ClusterMembership.Kind.VOTER),
                committed -> committed.isVoter(member.id())
                        && committed.seats().get(member.id()).member().equals(member));
    }

    @Override
    public CompletableFuture<Void> addLearner(Member member) {
        Objects.requireNonNull(member, "member");
        return changeMembership("add member " + member.id() + " as a learner", m -> {
            if (m.isVoter(member.id())) {
                throw new MembershipChangeException("member " + member.id() + " is a voter; remove it first to make it"
                        + " a learner");
            }
            return m.with(member, ClusterMembership.Kind.LEARNER);
        }, committed -> committed.kind(member.id()) == ClusterMembership.Kind.LEARNER);
    }

    @Override
    public CompletableFuture<Void> removeMember(int memberId) {
        return changeMembership("remove member " + memberId, m -> m.without(memberId),
                committed -> !committed.contains(memberId));
    }

    /**
     * Proposes {@code change} of the current membership on the loop, then waits for the committed membership
     * to satisfy {@code done}. A change that changes nothing completes once {@code done} holds.
     */
    private CompletableFuture<Void> changeMembership(String what, UnaryOperator<ClusterMembership> change,
                                                     Predicate<ClusterMembership> done) {
        CompletableFuture<Void> future = new CompletableFuture<>();
        if (!loop.isRunning()) {
            future.completeExceptionally(closedException());
            return future;
        }
        loop.withCore(core -> {
            if (core.role() != Role.LEADER) {
                callbacks.fail(future, new NotLeaderException(id, core.leaderId()));
                return;
            }
            try {
                ClusterMembership current = core.membership();
                ClusterMembership next = change.apply(current);
                if (!next.equals(current) && core.proposeMembership(next) < 0) {
                    callbacks.fail(future, new NotLeaderException(id, core.leaderId()));
                    return;
                }
            } catch (RaftException e) {
                callbacks.fail(future, e);
                return;
            }
            LOG.info("member {}: {} proposed", id, what);
            loop.watch(new MembershipWatch(future, what, core.term(), done));
        }, future);
        return future;
    }

    @Override
    public Membership membership() {
        return loop.membership();
    }

    @Override
    public CompletableFuture<Long> takeSnapshot() {
        CompletableFuture<Long> done = new CompletableFuture<>();
        if (!loop.isRunning()) {
            done.completeExceptionally(closedException());
            return done;
        }
        applyWorker.submit(new ApplyTask.TakeSnapshot(done));
        return done;
    }

    @Override
    public CompletableFuture<Integer> whenLeaderKnown() {
        CompletableFuture<Integer> future = new CompletableFuture<>();
        if (!loop.isRunning()) {
            future.completeExceptionally(closedException());
            return future;
        }
        int leader = loop.status().leaderId();
        if (leader != 0) {
            future.complete(leader); // Known now: the caller's own thread runs what it chains.
            return future;
        }
        loop.withCore(core -> loop.watch(new LeaderWatch(future)), future);
        return future;
    }

    @Override
    public long rejectedMessages() {
        return inbox.rejected();
    }

    /**
     * The transport can no longer carry messages: the node stops with {@code cause} (see {@link #failure()}), as
     * it does when its storage fails.
     */
    private void transportFailed(Throwable cause) {
        LOG.error("member {}: its transport failed; the member stops", id, cause);
        loop.fail(cause);
    }

    @Override
    public CompletableFuture<MemberReport> report() {
        if (!loop.isRunning()) {
            return CompletableFuture.completedFuture(reports.stopped(status(), membership()));
        }
        return loop.report(reports).exceptionally(e -> reports.stopped(status(), membership()));
    }

    @Override
    public AutoCloseable addListener(RaftEventListener listener) {
        return events.add(listener);
    }

    /** Why the node stopped by itself (storage failure, codec mismatch, a thread that died...), if it did. */
    @Override
    public Optional<Throwable> failure() {
        return Optional.ofNullable(loop.failure());
    }

    @Override
    public boolean isRunning() {
        return loop.isRunning();
    }

    @Override
    public CompletionStage<Void> whenStopped() {
        return stopped.copy();
    }

    /**
     * The event loop ended because one of the member's threads failed (it already failed what was pending):
     * stop the rest here, on the loop's thread, which needs no new thread when memory has run out. The port and
     * the data directory's lock are released, so an operator or supervisor can start the member again.
     */
    private void stopAfterFailure(Throwable cause) {
        if (!closed.compareAndSet(false, true)) {
            return; // close() or halt() is already stopping it.
        }
        LOG.error("member {} stops by itself after a failure: {}", id, cause.toString());
        events.publish(new MemberStopped(id, Instant.now(), cause));
        shutDown();
    }

    /** Closes the node; a leader first hands leadership over, waiting at most the configured bound. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        handOffLeadership();
        shutDown();
    }

    @Override
    public void halt() {
        if (closed.compareAndSet(false, true)) {
            shutDown();
        }
    }

    private void handOffLeadership() {
        if (handOffOnClose.isZero() || handOffOnClose.isNegative() || !loop.isRunning() || !loop.status().isLeader()
                || loop.membership().voters().size() < 2) {
            return;
        }
        try {
            // A direct future: close() may be called from a callback, on the thread that completes users' futures.
            transferLeadership(0, new DirectFuture<>()).get(handOffOnClose.toMillis(), TimeUnit.MILLISECONDS);
            LOG.info("member {} handed leadership over before closing", id);
        } catch (ExecutionException | TimeoutException e) {
            LOG.info("member {} closes without handing leadership over: {}", id,
                    e instanceof ExecutionException ? e.getCause().getMessage() : "no member took over in time");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void shutDown() {
        try {
            loop.stop();
            storageWorker.stop();
            applyWorker.stop();
            transport.close();
            join(loopThread);
            join(storageThread);
            join(applyThread);
            snapshotWorker.stop();
            storage.close();
            metrics.stopped();
            LOG.info("member {} closed", id);
        } finally {
            callbacks.complete(stopped, null);
            callbacks.close(); // Runs what is queued (the line above included), then ends its thread.
        }
    }

    private static void join(Thread t) {
        if (t == Thread.currentThread()) {
            return; // The event loop stopping its own member after a failure: it ends right after this.
        }
        try {
            t.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
