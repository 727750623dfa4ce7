package io.graft.core.internal.runtime;

import io.graft.api.LeadershipTransferException;
import io.graft.api.Membership;
import io.graft.api.NodeClosedException;
import io.graft.api.NodeStatus;
import io.graft.api.NotLeaderException;
import io.graft.api.RaftException;
import io.graft.api.ReadConsistency;
import io.graft.api.Role;
import io.graft.api.event.SnapshotInstalled;
import io.graft.api.event.SnapshotTaken;
import io.graft.api.report.MemberReport;
import io.graft.api.transport.Transport;
import io.graft.core.Clock;
import io.graft.core.internal.protocol.ClusterMembership;
import io.graft.core.internal.protocol.InstallSnapshot;
import io.graft.core.internal.protocol.InstallSnapshotResponse;
import io.graft.core.internal.protocol.Message;
import io.graft.core.internal.raft.RaftCore;
import io.graft.core.internal.raft.ReadState;
import io.graft.core.internal.raft.Ready;
import io.graft.core.internal.raft.SnapshotTarget;
import io.graft.core.snapshot.SnapshotMeta;
import io.graft.core.storage.EntryType;
import io.graft.core.storage.LogEntry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The one thread that drives a member's {@link RaftCore}: it feeds the core messages, proposals, timer
 * ticks and storage completions, and carries out each {@link Ready}: sends, hands writes to the
 * {@link StorageWorker} (or writes a memory log itself) and committed entries to the {@link ApplyWorker}
 * (which lets it apply cheap batches itself). It never blocks on I/O; when idle it parks until the core's next
 * deadline or until another thread enqueues work, after spinning briefly when few commands are in flight.
 */
final class EventLoop<R> implements Runnable, StorageWorker.Listener, SnapshotWorker.Listener {
    private static final Logger LOG = LoggerFactory.getLogger(EventLoop.class);
    private static final int MAX_MESSAGES_PER_ROUND = 4096;
    private static final int MAX_PROPOSALS_PER_BATCH = 4096;

    private final int memberId;
    private final RaftCore core;
    private final Transport transport;
    private final StorageWorker storage;
    private final ApplyWorker<?, ?> apply;
    private final Clock clock;
    private final Runnable onCommandDone;
    private final Callbacks callbacks;
    /** This thread's outcomes for users' futures, handed to the callback executor once per round. */
    private final CompletionBatcher out;
    private final PendingCommands pending;

    private final ConcurrentLinkedQueue<Message> inbound = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<Proposal> proposals = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<long[]> persisted = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<ReadRequest<R>> reads = new ConcurrentLinkedQueue<>();
    private final PendingReads<R> pendingReads = new PendingReads<>();
    private final List<CoreWatch<?>> watches = new ArrayList<>();
    private ClusterMembership publishedMembership;
    private volatile Membership membership;

    private volatile Thread thread;
    private final IdleStrategy idleStrategy = new IdleStrategy(RuntimeTuning.IDLE_SPIN_NANOS);
    private final BooleanSupplier hasWork = this::hasWork;
    private volatile boolean running = true;
    private volatile NodeStatus status;
    private volatile Throwable failure;
    private Consumer<Throwable> onFailure = cause -> { };
    private Role lastRole = Role.FOLLOWER;

    private SnapshotWorker snapshotWorker;
    private boolean storageInline;
    private NodeEvents events;
    /** The term whose start of leadership the state machine was told of, until told it ended; 0 if none. */
    private long leadingTerm;
    private StatusEvents statusEvents;
    /** The newest snapshot this member holds: its last index (0 if none) and size. */
    private long snapshotIndex;
    private long snapshotBytes;
    private SnapshotSender snapshotSender;

    private final List<byte[]> payloadBatch = new ArrayList<>();
    private final List<EntryType> typeBatch = new ArrayList<>();
    private final List<Proposal> proposalBatch = new ArrayList<>();

    EventLoop(int memberId, RaftCore core, Transport transport, StorageWorker storage, ApplyWorker<?, ?> apply,
              Clock clock, Runnable onCommandDone, Callbacks callbacks) {
        this.memberId = memberId;
        this.core = core;
        this.transport = transport;
        this.storage = storage;
        this.apply = apply;
        this.clock = clock;
        this.onCommandDone = onCommandDone;
        this.callbacks = callbacks;
        this.out = callbacks.batcher();
        this.pending = new PendingCommands(onCommandDone, out);
        publishStatus();
        this.publishedMembership = core.membership();
        this.membership = publishedMembership.toApi(core.membershipIndex());
    }

    /** Lets the loop write to storage itself (memory logs); called once, before the loop starts. */
    void writeStorageInline(boolean inline) {
        this.storageInline = inline;
    }

    /**
     * Gives the loop what to do once it has ended because of a failure (its own, or one reported through
     * {@link #fail}), after failing everything pending; runs on the loop's thread as its last act. Called once,
     * before the loop starts.
     */
    void whenFailed(Consumer<Throwable> action) {
        this.onFailure = action;
    }

    /**
     * Connects the member's listeners, and says which snapshot it starts from; called once, before the loop
     * starts.
     */
    void attach(NodeEvents events, long snapshotIndex, long snapshotBytes) {
        this.events = events;
        this.statusEvents = new StatusEvents(memberId, events, core);
        this.snapshotIndex = snapshotIndex;
        this.snapshotBytes = snapshotBytes;
    }

    /** Connects the snapshot thread; called once, before the loop starts. */
    void attach(SnapshotWorker worker, long resendAfterMillis) {
        this.snapshotWorker = worker;
        this.snapshotSender = new SnapshotSender(worker::sendChunk, resendAfterMillis);
    }

    // ------------------------------------------------------------------ called from other threads

    @Override
    public void snapshotTaken(SnapshotMeta meta, long bytes, long nanos) {
        execute(() -> {
            core.snapshotTaken(meta.index(), meta.term());
            snapshotKept(meta.index(), bytes);
            if (events != null) {
                events.publish(new SnapshotTaken(memberId, Instant.now(), meta.index(), meta.term(), bytes,
                        Duration.ofNanos(nanos)));
            }
        });
    }

    @Override
    public void snapshotReceived(SnapshotMeta meta, int leader, long bytes) {
        execute(() -> {
            if (meta.index() > core.commitIndex()) {
                snapshotKept(meta.index(), bytes);
                if (events != null) {
                    events.publish(new SnapshotInstalled(memberId, Instant.now(), meta.index(), meta.term(), bytes));
                }
                // Queued before anything committed after it, so the apply thread restores first.
                apply.submit(new ApplyTask.Restore(meta));
                core.snapshotInstalled(meta.index(), meta.term(), leader, meta.membership());
            }
        });
    }

    void deliver(Message m) {
        inbound.add(m);
        wake();
    }

    void propose(Proposal p) {
        proposals.add(p);
        wake();
    }

    void read(ReadRequest<R> r) {
        reads.add(r);
        wake();
    }

    /** Watches the core until {@code w} settles. Called on the loop (from a {@link #withCore} task). */
    void watch(CoreWatch<?> w) {
        if (!w.settle(core, clock.millis(), out)) {
            watches.add(w);
        }
    }

    /** The membership in effect on this member. */
    Membership membership() {
        return membership;
    }

    /**
     * Runs {@code task} on the loop with the core, for a request that needs the core's current state; if the
     * loop stops first, {@code owner} fails instead.
     */
    void withCore(Consumer<RaftCore> task, CompletableFuture<?> owner) {
        execute(new CoreTask(task, owner));
        if (!running) {
            failQueuedTasks(new NodeClosedException("member " + memberId + " is closed"));
        }
    }

    /** A request's work on the loop, and the future to fail if it never runs. */
    private final class CoreTask implements Runnable {
        final Consumer<RaftCore> body;
        final CompletableFuture<?> owner;

        CoreTask(Consumer<RaftCore> body, CompletableFuture<?> owner) {
            this.body = body;
            this.owner = owner;
        }

        @Override
        public void run() {
            body.accept(core);
        }
    }

    /** Fails the requests whose work never ran on the loop; any thread. */
    private void failQueuedTasks(NodeClosedException cause) {
        CompletionBatcher failed = null;
        for (Iterator<Runnable> it = tasks.iterator(); it.hasNext(); ) {
            Runnable task = it.next();
            if (task instanceof EventLoop<?>.CoreTask t && tasks.remove(t)) {
                if (failed == null) {
                    failed = callbacks.batcher();
                }
                failed.fail(t.owner, cause);
            }
        }
        if (failed != null) {
            failed.flush();
        }
    }

    void execute(Runnable task) {
        tasks.add(task);
        wake();
    }

    @Override
    public void persisted(long index, long term) {
        if (Thread.currentThread() == thread) {
            core.persisted(index, term); // Written inline by this loop (a memory log): no queue needed.
            return;
        }
        persisted.add(new long[] {index, term});
        wake();
    }

    @Override
    public void storageFailed(Throwable cause) {
        fail(cause);
    }

    /**
     * Another of the member's threads (storage, apply, snapshot) failed: the loop ends, and with it the member.
     * The first cause reported is the one kept. Any thread.
     */
    void fail(Throwable cause) {
        synchronized (this) {
            if (failure == null) {
                failure = cause;
            }
        }
        running = false;
        wake();
    }

    NodeStatus status() {
        return status;
    }

    Throwable failure() {
        return failure;
    }

    boolean isRunning() {
        return running;
    }

    void stop() {
        running = false;
        wake();
    }

    private void wake() {
        idleStrategy.wake(thread);
    }

    // ------------------------------------------------------------------ the loop

    @Override
    public void run() {
        thread = Thread.currentThread();
        MDC.put("node", Integer.toString(memberId));
        IdleStrategy.started();
        try {
            while (running) {
                long lastBefore = core.lastIndex();
                if (round()) {
                    idleStrategy.noteRound(core.lastIndex() - lastBefore);
                } else {
                    idle();
                }
            }
        } catch (RuntimeException | Error e) {
            LOG.error("event loop failed; the node stops", e);
            fail(e);
        } finally {
            IdleStrategy.stopped();
            String reason = failure == null ? "node " + memberId + " closed"
                    : "node " + memberId + " stopped: " + failure;
            NodeClosedException closed = new NodeClosedException(reason);
            pending.failAll(closed);
            failQueuedProposals(reason);
            pendingReads.failAll(closed, out);
            failQueuedReads(closed);
            failQueuedTasks(closed);
            watches.forEach(w -> w.fail(closed, out));
            watches.clear();
            out.flush();
            if (failure != null) {
                // A member that stopped by itself leads nothing: nobody should send it work any more.
                NodeStatus last = status;
                status = new NodeStatus(memberId, Role.FOLLOWER, last.term(), 0, last.commitIndex(), 0,
                        last.lastLogIndex(), last.catchingUp());
                onFailure.accept(failure);
            }
        }
    }

    /** One round of work; returns whether anything happened. */
    private boolean round() {
        boolean worked = false;
        long now = clock.millis();
        core.tick(now); // Always: message handlers reset timers relative to the core's "now".
        if (!snapshotSender.isEmpty()) {
            snapshotSender.poll(now);
        }
        Message m;
        int n = 0;
        while (n < MAX_MESSAGES_PER_ROUND && (m = inbound.poll()) != null) {
            core.step(m);
            n++;
        }
        long[] p;
        while ((p = persisted.poll()) != null) {
            core.persisted(p[0], p[1]);
            worked = true;
        }
        worked |= n > 0;
        worked |= drainProposals();
        worked |= drainReads();
        Runnable task;
        while ((task = tasks.poll()) != null) {
            task.run();
            worked = true;
        }
        if (core.hasReady()) {
            handle(core.ready());
            worked = true;
        } else {
            worked |= publishQuietChange();
        }
        if (!watches.isEmpty()) {
            watches.removeIf(w -> w.settle(core, now, out));
        }
        out.flush();
        return worked;
    }

    /**
     * Finds each read's index: at once for a lease read while the lease holds, otherwise by one confirmation
     * round shared by every read drained here.
     */
    private boolean drainReads() {
        ReadRequest<R> r;
        List<ReadRequest<R>> batch = null;
        while ((r = reads.poll()) != null) {
            if (r.consistency() == ReadConsistency.LEASE) {
                long index = core.leaseReadIndex();
                if (index >= 0) {
                    apply.submit(new ApplyTask.Query<>(index, r.query(), r.future()));
                    continue;
                }
            }
            if (batch == null) {
                batch = new ArrayList<>();
            }
            batch.add(r);
        }
        if (batch == null) {
            return false;
        }
        long id = pendingReads.add(batch);
        if (!core.requestRead(id)) {
            NotLeaderException e = new NotLeaderException(memberId, core.leaderId());
            for (ReadRequest<R> q : pendingReads.take(id)) {
                out.fail(q.future(), e);
            }
        }
        return true;
    }

    /** Fails the reads not yet drained; any thread. */
    void failQueuedReads(RaftException cause) {
        ReadRequest<R> r;
        CompletionBatcher failed = null;
        while ((r = reads.poll()) != null) {
            if (failed == null) {
                failed = callbacks.batcher();
            }
            failed.fail(r.future(), cause);
        }
        if (failed != null) {
            failed.flush();
        }
    }

    private boolean drainProposals() {
        Proposal p;
        while (proposalBatch.size() < MAX_PROPOSALS_PER_BATCH && (p = proposals.poll()) != null) {
            proposalBatch.add(p);
            payloadBatch.add(p.payload());
            typeBatch.add(p.type());
        }
        if (proposalBatch.isEmpty()) {
            return false;
        }
        long first = core.propose(payloadBatch, typeBatch);
        if (first < 0) {
            int target = core.transferTarget();
            RaftException e = target != 0
                    ? new LeadershipTransferException(target, "member " + memberId + " is handing leadership to member "
                    + target + "; nothing was appended: retry at the new leader in a moment")
                    : new NotLeaderException(memberId, core.leaderId());
            for (Proposal q : proposalBatch) {
                out.fail(q.future(), e);
                onCommandDone.run();
            }
        } else {
            long term = core.term();
            for (int i = 0; i < proposalBatch.size(); i++) {
                Proposal placed = proposalBatch.get(i);
                placed.onPlaced().accept(first + i);
                pending.add(new Pending(first + i, term, placed.future()));
            }
        }
        proposalBatch.clear();
        payloadBatch.clear();
        typeBatch.clear();
        return true;
    }

    private void handle(Ready r) {
        List<Message> messages = r.messages();
        for (int i = 0; i < messages.size(); i++) {
            send(messages.get(i));
        }
        if (r.needsStorage()) {
            PersistTask task = new PersistTask(r.resetLogTo(), r.hardState(), r.entries(), r.compactLogTo(),
                    r.messagesAfterPersist());
            if (storageInline) {
                storage.writeNow(task); // A memory log: no thread hop, no wake-up.
            } else {
                storage.submit(task);
            }
        }
        if (lastRole == Role.LEADER && r.role() != Role.LEADER) {
            // Before the truncation below: an entry overwritten here as leadership passes may still commit
            // through another member that holds it, so its outcome is unknown, not "not committed".
            pending.leadershipLost(r.commitIndex(), r.term());
        }
        if (r.truncatedFrom() > 0) {
            pending.overwrittenFrom(r.truncatedFrom());
        }
        // Reads confirmed while this member led are valid even if it stepped down since: serve them.
        for (ReadState rs : r.readStates()) {
            for (ReadRequest<R> q : pendingReads.take(rs.id())) {
                apply.submit(new ApplyTask.Query<>(rs.index(), q.query(), q.future()));
            }
        }
        if (lastRole == Role.LEADER && r.role() != Role.LEADER) {
            pendingReads.failAll(new NotLeaderException(memberId, r.leaderId()), out);
            leadershipEnded();
        }
        if (r.role() != Role.LEADER) {
            snapshotSender.cancelAll();
        } else if (!r.snapshotTargets().isEmpty() || !r.snapshotAcks().isEmpty()) {
            long now = clock.millis();
            for (SnapshotTarget t : r.snapshotTargets()) {
                snapshotSender.start(t, r.term(), now);
            }
            for (InstallSnapshotResponse ack : r.snapshotAcks()) {
                snapshotSender.onAck(ack, now);
            }
        }
        for (InstallSnapshot chunk : r.snapshotChunks()) {
            snapshotWorker.receiveChunk(chunk);
        }
        lastRole = r.role();
        // Publish before applying: once a command's future completes, status() already covers its entry.
        publishStatus();
        publishMembership();
        if (!r.committed().isEmpty()) {
            LogEntry last = r.committed().get(r.committed().size() - 1);
            apply.applyOrQueue(new ApplyBatch(r.committed(), pending.takeUpTo(last.index())));
            if (r.role() == Role.LEADER && leadingTerm != r.term() && last.term() == r.term()) {
                // The first entry of this term committed: everything before it is committed and queued above.
                leadingTerm = r.term();
                apply.submit(new ApplyTask.Leadership(leadingTerm, true));
            }
        }
    }

    /** Tells the state machine, after what it is applying, that the leadership it was told of ended. */
    private void leadershipEnded() {
        if (leadingTerm != 0) {
            apply.submit(new ApplyTask.Leadership(leadingTerm, false));
            leadingTerm = 0;
        }
    }

    private void snapshotKept(long index, long bytes) {
        if (index > snapshotIndex) {
            snapshotIndex = index;
            snapshotBytes = bytes;
        }
    }

    /**
     * A member report (see {@link ReportBuilder}), built on the loop; fails with {@link NodeClosedException} if
     * the loop stops first.
     */
    CompletableFuture<MemberReport> report(ReportBuilder builder) {
        CompletableFuture<MemberReport> future = new CompletableFuture<>();
        withCore(c -> future.complete(builder.build(c, membership, snapshotIndex, snapshotBytes,
                pending.size(), pendingReads.size() + reads.size())), future);
        return future;
    }

    /** Sends through the transport; a transport fault loses the message (Raft retries), never the loop. */
    private void send(Message m) {
        try {
            transport.send(m);
        } catch (RuntimeException e) {
            LOG.warn("the transport failed to send {}: {}", m.getClass().getSimpleName(), e.toString());
        }
    }

    /**
     * Publishes a change of role, term or leader that came without anything for the core to hand over: a
     * check-quorum step-down in {@link RaftCore#tick} is one. Without this, {@link #status()} would say
     * {@code LEADER}, and the commands and reads pending here would wait, until the core next had work (its
     * next campaign, an election timeout later). Returns whether anything changed.
     */
    private boolean publishQuietChange() {
        NodeStatus s = status;
        if (core.role() == lastRole && s.term() == core.term() && s.leaderId() == core.leaderId()) {
            return false;
        }
        if (lastRole == Role.LEADER && core.role() != Role.LEADER) {
            pending.leadershipLost(core.commitIndex(), core.term());
            pendingReads.failAll(new NotLeaderException(memberId, core.leaderId()), out);
            snapshotSender.cancelAll();
            leadershipEnded();
        }
        lastRole = core.role();
        publishStatus();
        return true;
    }

    /** Publishes the core's position for other threads; a new object only when something changed. */
    private void publishStatus() {
        NodeStatus s = status;
        if (s != null && s.role() == core.role() && s.term() == core.term() && s.leaderId() == core.leaderId()
                && s.commitIndex() == core.commitIndex() && s.lastLogIndex() == core.lastIndex()
                && s.catchingUp() == core.catchingUp()) {
            return;
        }
        status = new NodeStatus(memberId, core.role(), core.term(), core.leaderId(), core.commitIndex(), 0,
                core.lastIndex(), core.catchingUp());
        if (statusEvents != null) {
            statusEvents.update(status, core);
        }
    }

    /** Tells the transport and {@link #membership()} about a new membership. */
    private void publishMembership() {
        ClusterMembership m = core.membership();
        if (m == publishedMembership) {
            return;
        }
        publishedMembership = m;
        membership = m.toApi(core.membershipIndex());
        snapshotSender.retainMembers(m.seats().keySet());
        if (!m.seats().isEmpty()) {
            transport.membersChanged(m.members());
        }
    }

    private void idle() {
        long wait = core.nextDeadline() - clock.millis();
        if (wait <= 0) {
            return;
        }
        idleStrategy.idle(hasWork, TimeUnit.MILLISECONDS.toNanos(wait));
    }

    private boolean hasWork() {
        return !inbound.isEmpty() || !proposals.isEmpty() || !persisted.isEmpty() || !tasks.isEmpty()
                || !reads.isEmpty() || !running;
    }

    /** Fails the proposals not yet drained; any thread. */
    void failQueuedProposals(String reason) {
        Proposal p;
        NodeClosedException e = null;
        CompletionBatcher failed = null;
        while ((p = proposals.poll()) != null) {
            if (failed == null) {
                failed = callbacks.batcher();
                e = new NodeClosedException(reason);
            }
            failed.fail(p.future(), e);
            onCommandDone.run();
        }
        if (failed != null) {
            failed.flush();
        }
    }
}
