package io.graft.core.internal.runtime;

import io.graft.api.Codec;
import io.graft.api.NodeClosedException;
import io.graft.api.NotCommittedException;
import io.graft.api.RaftException;
import io.graft.api.SnapshotWriter;
import io.graft.api.StateMachine;
import io.graft.core.internal.client.ClientFrames;
import io.graft.core.internal.client.ClientResponse;
import io.graft.core.internal.client.ClientStatus;
import io.graft.core.internal.client.SessionCommand;
import io.graft.core.internal.client.SessionTable;
import io.graft.core.internal.protocol.ClusterMembership;
import io.graft.core.snapshot.SnapshotFormat;
import io.graft.core.snapshot.SnapshotMeta;
import io.graft.core.snapshot.SnapshotStore;
import io.graft.core.storage.EntryType;
import io.graft.core.storage.LogEntry;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.IntConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The apply thread: decodes committed commands, applies them to the state machine in log order, and
 * completes the futures of the commands submitted here. It also captures snapshots between two applies (the
 * state machine is consistent there) and restores snapshots received from a leader, in log order with the
 * applies, and answers read-only queries once the state has reached the index each one needs.
 *
 * <p>When this thread has nothing queued and a batch is cheap ({@link ApplyCost}), the event loop applies it
 * itself ({@link #applyOrQueue}): one thread hand-off (and wake-up) less per batch, which is most of a
 * command's latency when few are in flight. A turn flag ({@link #turn}) makes the two take turns, so the
 * state machine is never called concurrently and each call sees the previous one's writes. A slow state
 * machine is soon learnt to be slow and then delays only this thread, never heartbeats. Snapshots and
 * queries always run on this thread.
 */
final class ApplyWorker<C, R> implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(ApplyWorker.class);
    /** How long the idle apply thread sleeps at most before looking at its queue again. */
    private static final long IDLE_PARK_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

    private IntConsumer sessionCount = n -> { };
    private int sessionsCounted;
    private final int memberId;
    private final StateMachine<C, R> stateMachine;
    private final Codec<C> codec;
    private final Codec<R> resultCodec;
    private final SessionTable sessions;
    /** Told how many local commands no longer await commit, once per batch (for backpressure accounting). */
    private final IntConsumer onCommandsDone;
    private final SnapshotStore snapshots;
    /** The membership as of the applied index, which a snapshot taken now records. */
    private ClusterMembership membership;
    /** Queries waiting for the state to reach their index, lowest index first. */
    private final PriorityQueue<ApplyTask.Query<?>> waitingQueries =
            new PriorityQueue<>(Comparator.comparingLong(ApplyTask.Query::index));
    private final long snapshotEvery;
    private final ConcurrentLinkedQueue<ApplyTask> queue = new ConcurrentLinkedQueue<>();
    /** Held by whichever thread is applying: this one, or the event loop for a batch it applies itself. */
    private final AtomicBoolean turn = new AtomicBoolean();
    private final ApplyCost cost = new ApplyCost(RuntimeTuning.INLINE_APPLY_NANOS);
    /** Parks at once when idle: with cheap batches applied by the event loop, this thread is seldom needed. */
    private final IdleStrategy idle = new IdleStrategy(0);
    /** Set when the event loop applied entries that may make queries ready or a snapshot due. */
    private volatile boolean poked;
    private volatile Thread thread;
    private final AtomicBoolean snapshotInFlight = new AtomicBoolean();
    /** Requests that arrived while a snapshot was being written; retried when it is done. */
    private final ConcurrentLinkedQueue<ApplyTask.TakeSnapshot> waitingRequests = new ConcurrentLinkedQueue<>();
    private final Consumer<Throwable> onFatal;
    private final Callbacks callbacks;
    /**
     * Outcomes for users' futures, handed to the callback executor after each batch; used by whichever thread
     * holds the {@link #turn}, which flushes it before letting go.
     */
    private final CompletionBatcher out;
    private SnapshotWorker snapshotWorker;
    private volatile boolean running = true;
    private volatile long appliedIndex;
    private final BooleanSupplier hasWork = () -> !queue.isEmpty() || poked || !running;
    private long appliedTerm;
    private long lastSnapshotIndex;
    private boolean snapshotsUnsupported;

    ApplyWorker(int memberId, StateMachine<C, R> stateMachine, Codec<C> codec, Codec<R> resultCodec,
                SessionTable sessions, SnapshotStore snapshots, ClusterMembership membership, long snapshotEvery,
                SnapshotMeta restoredFrom, IntConsumer onCommandsDone, Consumer<Throwable> onFatal,
                Callbacks callbacks) {
        this.memberId = memberId;
        this.stateMachine = stateMachine;
        this.codec = codec;
        this.resultCodec = resultCodec;
        this.sessions = sessions;
        this.snapshots = snapshots;
        this.membership = membership;
        this.snapshotEvery = snapshotEvery;
        this.onCommandsDone = onCommandsDone;
        this.onFatal = onFatal;
        this.callbacks = callbacks;
        this.out = callbacks.batcher();
        if (restoredFrom != null) {
            appliedIndex = restoredFrom.index();
            appliedTerm = restoredFrom.term();
            lastSnapshotIndex = restoredFrom.index();
            if (restoredFrom.membership() != null) {
                this.membership = restoredFrom.membership();
            }
        }
    }

    void attach(SnapshotWorker worker) {
        this.snapshotWorker = worker;
    }

    void submit(ApplyTask task) {
        queue.add(task);
        idle.wake(thread);
    }

    /**
     * Applies {@code batch} on the calling thread (the event loop) if this thread has nothing queued and the
     * batch is expected to be quick; otherwise queues it. Either way entries are applied in log order.
     */
    void applyOrQueue(ApplyBatch batch) {
        if (!running || !queue.isEmpty() || !turn.compareAndSet(false, true)) {
            submit(batch);
            return;
        }
        boolean applied = false;
        try {
            // Checked with the turn held, when nothing can be taken off the queue: a task queued by another
            // thread (a query, a snapshot request) may go first, but never after this batch's entries.
            if (queue.isEmpty() && cost.fitsBudget(batch.entries().size())) {
                applyTimed(batch);
                applied = true;
                if (queriesReady() || snapshotDue()) {
                    poked = true; // Queries and snapshots are this thread's job.
                }
            }
        } catch (RuntimeException | Error e) {
            LOG.error("applying on the event loop failed; the node stops", e);
            running = false;
            onFatal.accept(e);
        } finally {
            out.flush();
            turn.set(false);
        }
        if (!applied) {
            submit(batch);
        } else if (poked || !queue.isEmpty()) {
            idle.wake(thread);
        }
    }

    long appliedIndex() {
        return appliedIndex;
    }

    void stop() {
        running = false;
        idle.wake(thread);
    }

    /**
     * Restores {@code stateMachine} and {@code sessions} from a stored snapshot (used at startup and for
     * received snapshots). A snapshot's data is the session table, length-prefixed, then the state machine's
     * own bytes.
     */
    static void restore(StateMachine<?, ?> stateMachine, SessionTable sessions, SnapshotStore store,
                        SnapshotMeta meta) throws IOException {
        try (InputStream file = store.open(meta)) {
            DataInputStream data = new DataInputStream(SnapshotFormat.data(file, store.size(meta)));
            int sessionBytes = data.readInt();
            if (sessionBytes < 0) {
                throw new IOException("corrupt snapshot: negative session table size");
            }
            sessions.readFrom(new DataInputStream(new java.io.ByteArrayInputStream(data.readNBytes(sessionBytes))));
            stateMachine.restore(data);
        }
    }

    @Override
    public void run() {
        thread = Thread.currentThread();
        MDC.put("node", Integer.toString(memberId));
        IdleStrategy.started();
        try {
            while (running) {
                if (queue.isEmpty() && !poked) {
                    idle.idle(hasWork, IDLE_PARK_NANOS);
                } else if (turn.compareAndSet(false, true)) {
                    try {
                        drain();
                    } finally {
                        out.flush();
                        turn.set(false);
                    }
                } else {
                    Thread.yield(); // The event loop is applying a (short) batch.
                }
            }
        } catch (IOException | RuntimeException | Error e) {
            // Errors too (an OutOfMemoryError, a state machine that throws one): a member without its apply
            // thread would go on accepting commands it can never apply.
            LOG.error("the apply thread failed; the node stops", e);
            onFatal.accept(e);
        } finally {
            IdleStrategy.stopped();
            // Take the turn for good: the event loop may be finishing a batch; after this it only queues.
            while (!turn.compareAndSet(false, true)) {
                Thread.yield();
            }
            failUnapplied();
            out.flush();
        }
    }

    /** Does everything queued, then what the event loop's applies left to do. Holds the turn. */
    private void drain() throws IOException {
        poked = false;
        ApplyTask task;
        while (running && (task = queue.poll()) != null) {
            perform(task);
        }
        runReadyQueries();
        if (appliedIndex - lastSnapshotIndex >= snapshotEvery) {
            snapshot(null);
        }
    }

    private void perform(ApplyTask task) throws IOException {
        if (task instanceof ApplyBatch batch) {
            applyTimed(batch);
            runReadyQueries();
            out.flush(); // One hand-off per batch: its results reach their callers while the next one applies.
            if (appliedIndex - lastSnapshotIndex >= snapshotEvery) {
                snapshot(null);
            }
        } else if (task instanceof ApplyTask.Restore restore) {
            restore(restore.meta());
            runReadyQueries();
        } else if (task instanceof ApplyTask.TakeSnapshot take) {
            snapshot(take);
        } else if (task instanceof ApplyTask.Leadership leadership) {
            tellLeadership(leadership);
        } else if (task instanceof ApplyTask.Query<?> query) {
            if (query.index() <= appliedIndex) {
                runQuery(query);
            } else {
                waitingQueries.add(query);
            }
        }
    }

    /** Calls the state machine's leadership callback; one that throws is logged, and the member goes on. */
    private void tellLeadership(ApplyTask.Leadership leadership) {
        try {
            if (leadership.start()) {
                stateMachine.onLeaderStart(leadership.term());
            } else {
                stateMachine.onLeaderStop(leadership.term());
            }
        } catch (RuntimeException e) {
            LOG.warn("member {}: the state machine's onLeader{} failed for term {}", memberId,
                    leadership.start() ? "Start" : "Stop", leadership.term(), e);
        }
    }

    /** Applies {@code batch} and learns how long its entries took. */
    private void applyTimed(ApplyBatch batch) {
        long start = System.nanoTime();
        try {
            apply(batch);
        } catch (RuntimeException | Error e) {
            // The member stops: the batch's commands not answered yet never will be here.
            failUnanswered(batch, e);
            throw e;
        }
        cost.record(batch.entries().size(), System.nanoTime() - start);
    }

    private void failUnanswered(ApplyBatch batch, Throwable cause) {
        for (Pending p : batch.pending()) {
            out.fail(p.future(), new NodeClosedException("member " + memberId + " stopped while"
                    + " applying entry " + p.index() + " or one before it: " + cause));
        }
    }

    private void restore(SnapshotMeta requested) throws IOException {
        if (requested.index() <= appliedIndex) {
            return;
        }
        SnapshotMeta meta = requested;
        SnapshotMeta latest = snapshots.latest().orElse(null);
        if (latest != null && latest.index() > requested.index()) {
            // A newer snapshot from the leader replaced this one before its turn came (a store may keep only the
            // latest). Restoring that one is equivalent: the entries in between are committed, so the newer state
            // already reflects them, and they are skipped below as covered; its own restore task becomes a no-op.
            LOG.info("snapshot {} was replaced by {} before it was restored; restoring the newer one",
                    requested.index(), latest.index());
            meta = latest;
        }
        restore(stateMachine, sessions, snapshots, meta);
        appliedIndex = meta.index();
        appliedTerm = meta.term();
        lastSnapshotIndex = meta.index();
        if (meta.membership() != null) {
            membership = meta.membership();
        }
        LOG.info("state restored from the leader's snapshot at index {}", meta.index());
    }

    private void snapshot(ApplyTask.TakeSnapshot request) {
        if (appliedIndex == 0 || appliedIndex == lastSnapshotIndex) {
            if (request != null) {
                callbacks.complete(request.done(), lastSnapshotIndex);
            }
            return;
        }
        if (snapshotsUnsupported) {
            if (request != null) {
                callbacks.fail(request.done(), new RaftException(
                        "the state machine does not support snapshots (snapshot() returned null)"));
            }
            return;
        }
        if (!snapshotInFlight.compareAndSet(false, true)) {
            if (request != null) {
                waitingRequests.add(request);
                if (!snapshotInFlight.get()) {
                    retryWaitingRequests(); // The running one finished meanwhile.
                }
            }
            return;
        }
        SnapshotWriter writer = stateMachine.snapshot();
        if (writer == null) {
            snapshotsUnsupported = true;
            snapshotInFlight.set(false);
            LOG.debug("the state machine does not support snapshots; the log will not be compacted");
            if (request != null) {
                callbacks.fail(request.done(), new RaftException(
                        "the state machine does not support snapshots (snapshot() returned null)"));
            }
            return;
        }
        SnapshotMeta meta = new SnapshotMeta(appliedIndex, appliedTerm, membership);
        lastSnapshotIndex = appliedIndex;
        SessionTable sessionCopy = sessions.copy();
        SnapshotWriter withSessions = out -> {
            java.io.ByteArrayOutputStream table = new java.io.ByteArrayOutputStream();
            DataOutputStream t = new DataOutputStream(table);
            sessionCopy.writeTo(t);
            t.flush();
            DataOutputStream d = new DataOutputStream(out);
            d.writeInt(table.size());
            table.writeTo(d);
            d.flush();
            writer.writeTo(out);
        };
        snapshotWorker.take(meta, withSessions, () -> {
            snapshotInFlight.set(false);
            if (request != null) {
                callbacks.complete(request.done(), meta.index());
            }
            retryWaitingRequests();
        });
    }

    private void retryWaitingRequests() {
        ApplyTask.TakeSnapshot waiting;
        while ((waiting = waitingRequests.poll()) != null) {
            submit(waiting);
        }
    }

    private void apply(ApplyBatch batch) {
        List<Pending> pending = batch.pending();
        if (!pending.isEmpty()) {
            // Committed, so no longer pending: one update of the shared counter per batch, not per command.
            onCommandsDone.accept(pending.size());
        }
        List<LogEntry> entries = batch.entries();
        int p = 0;
        for (int i = 0; i < entries.size(); i++) {
            LogEntry e = entries.get(i);
            if (!running) {
                for (; p < pending.size(); p++) {
                    out.fail(pending.get(p).future(), new NodeClosedException("member " + memberId + " closed"
                            + " before applying entry " + pending.get(p).index() + "; it is committed and will be"
                            + " applied by the rest of the cluster"));
                }
                return;
            }
            if (e.index() <= appliedIndex) {
                continue; // Covered by a snapshot restored meanwhile.
            }
            while (p < pending.size() && pending.get(p).index() < e.index()) {
                p++;
            }
            Pending mine = p < pending.size() && pending.get(p).index() == e.index() ? pending.get(p++) : null;
            if (mine != null && mine.term() != e.term()) {
                out.fail(mine.future(), new NotCommittedException("entry " + e.index() + " of term "
                        + mine.term() + " was overwritten by a newer leader; the command was not applied"));
                mine = null;
            }
            if (e.type() == EntryType.COMMAND) {
                applyCommand(e, mine);
            } else if (e.type() == EntryType.NOOP && e.payload().length > 0) {
                checkCodec(e);
            } else if (e.type() == EntryType.SESSION_COMMAND) {
                applySessionCommand(e, mine);
            } else if (e.type() == EntryType.CONFIGURATION) {
                membership = ClusterMembership.decode(e.payload());
            }
            appliedTerm = e.term();
            appliedIndex = e.index();
        }
    }

    /** Tells {@code counter} the number of client sessions whenever it changes; called before the thread starts. */
    void countSessions(IntConsumer counter) {
        this.sessionCount = counter;
    }

    /**
     * Applies a remote client's command once per session and sequence number; a retry gets the original
     * reply. The reply is encoded here, on every member, so that all members cache the same bytes.
     */
    private void applySessionCommand(LogEntry e, Pending mine) {
        SessionCommand c = SessionCommand.decode(e.payload());
        SessionTable.Admission admission = sessions.admit(c);
        byte[] reply;
        if (admission instanceof SessionTable.Duplicate d) {
            reply = d.reply();
        } else if (admission instanceof SessionTable.Expired) {
            reply = ClientFrames.encode(new ClientResponse(c.sessionId(), c.sequence(), ClientStatus.SESSION_EXPIRED,
                    0, new byte[0]));
        } else {
            reply = execute(c, e.index());
            sessions.record(c, reply);
        }
        if (sessions.size() != sessionsCounted) {
            sessionsCounted = sessions.size();
            sessionCount.accept(sessionsCounted);
        }
        if (mine != null) {
            out.complete(mine.future(), reply); // A remote client's reply: a direct future, answered at once.
        }
    }

    private byte[] execute(SessionCommand c, long index) {
        R result;
        try {
            result = stateMachine.apply(index, codec.decode(c.command()));
        } catch (RuntimeException ex) {
            return reply(c, ClientStatus.APPLY_FAILED, ex.getClass().getName() + ": " + ex.getMessage());
        }
        if (resultCodec == null) {
            return reply(c, ClientStatus.RESULT_NOT_ENCODABLE, "member " + memberId + " has no result codec");
        }
        try {
            return ClientFrames.encode(new ClientResponse(c.sessionId(), c.sequence(), ClientStatus.OK, 0,
                    resultCodec.encode(result)));
        } catch (RuntimeException ex) {
            return reply(c, ClientStatus.RESULT_NOT_ENCODABLE, ex.getClass().getName() + ": " + ex.getMessage());
        }
    }

    private static byte[] reply(SessionCommand c, ClientStatus status, String text) {
        return ClientFrames.encode(new ClientResponse(c.sessionId(), c.sequence(), status, 0,
                text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }

    /** A leader's no-op names its command codec: if it is not ours, we would misread its commands. */
    private void checkCodec(LogEntry noop) {
        String theirs = new String(noop.payload(), java.nio.charset.StandardCharsets.UTF_8);
        String ours = codec.descriptor();
        if (!theirs.equals(ours)) {
            throw new io.graft.api.config.ConfigurationException("codec", "member " + memberId + " encodes commands"
                    + " with '" + ours + "' but the leader of term " + noop.term() + " uses '" + theirs + "' (log index "
                    + noop.index() + "); every member must use the same codec and registrations. This member stops"
                    + " rather than misread commands.");
        }
    }

    private void applyCommand(LogEntry e, Pending mine) {
        R result;
        try {
            C command = codec.decode(e.payload());
            result = stateMachine.apply(e.index(), command);
        } catch (RuntimeException ex) {
            // Deterministic: every replica fails the same command the same way, so state stays identical.
            LOG.debug("command at {} failed: {}", e.index(), ex.toString());
            if (mine != null) {
                out.fail(mine.future(), ex);
            }
            return;
        }
        if (mine != null) {
            out.complete(mine.future(), result);
        }
    }

    /** Whether a waiting query can run now. */
    private boolean queriesReady() {
        return !waitingQueries.isEmpty() && waitingQueries.peek().index() <= appliedIndex;
    }

    /** Whether enough was applied since the last snapshot to take one, and none is being written. */
    private boolean snapshotDue() {
        return appliedIndex - lastSnapshotIndex >= snapshotEvery && !snapshotInFlight.get() && !snapshotsUnsupported;
    }

    /** Runs the waiting queries whose index the state has reached. */
    private void runReadyQueries() {
        while (!waitingQueries.isEmpty() && waitingQueries.peek().index() <= appliedIndex) {
            runQuery(waitingQueries.poll());
        }
    }

    private <T> void runQuery(ApplyTask.Query<T> query) {
        if (query.future().isDone()) {
            return; // Timed out or cancelled by the caller.
        }
        T answer;
        try {
            answer = query.read().get();
        } catch (RuntimeException e) {
            out.fail(query.future(), e);
            return;
        }
        out.complete(query.future(), answer);
    }

    /** Fails the futures of committed commands this worker will no longer apply (the node is closing). */
    private void failUnapplied() {
        ApplyTask task;
        while ((task = queue.poll()) != null) {
            if (task instanceof ApplyBatch batch) {
                for (Pending p : batch.pending()) {
                    out.fail(p.future(), new NodeClosedException("member " + memberId
                            + " closed before applying entry " + p.index() + "; it is committed and will be applied"
                            + " by the rest of the cluster"));
                }
                // Never applied, so never counted by apply(): counted here, whether or not a caller gave up.
                onCommandsDone.accept(batch.pending().size());
            } else if (task instanceof ApplyTask.TakeSnapshot take) {
                out.fail(take.done(), new NodeClosedException("member " + memberId + " closed"));
            } else if (task instanceof ApplyTask.Query<?> query) {
                waitingQueries.add(query);
            }
        }
        ApplyTask.Query<?> query;
        while ((query = waitingQueries.poll()) != null) {
            out.fail(query.future(), new NodeClosedException("member " + memberId
                    + " closed before it could answer the read"));
        }
    }
}
