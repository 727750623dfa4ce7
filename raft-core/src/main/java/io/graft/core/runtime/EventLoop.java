package io.graft.core.runtime;

import io.graft.api.NodeClosedException;
import io.graft.api.NodeStatus;
import io.graft.api.NotLeaderException;
import io.graft.api.Role;
import io.graft.api.transport.Transport;
import io.graft.core.protocol.InstallSnapshot;
import io.graft.core.protocol.InstallSnapshotResponse;
import io.graft.core.protocol.LogEntry;
import io.graft.core.raft.SnapshotTarget;
import io.graft.core.snapshot.SnapshotMeta;
import io.graft.core.protocol.Message;
import io.graft.core.raft.RaftCore;
import io.graft.core.raft.Ready;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The one thread that drives a member's {@link RaftCore}: it feeds the core messages, proposals, timer
 * ticks and storage completions, and carries out each {@link Ready}: sends, hands writes to the
 * {@link StorageWorker} and committed entries to the {@link ApplyWorker}. It never blocks on I/O; when idle
 * it parks until the core's next deadline or until another thread enqueues work.
 */
final class EventLoop<R> implements Runnable, StorageWorker.Listener, SnapshotWorker.Listener {
    private static final Logger LOG = LoggerFactory.getLogger(EventLoop.class);
    private static final int MAX_MESSAGES_PER_ROUND = 4096;
    private static final int MAX_PROPOSALS_PER_BATCH = 4096;

    private final int memberId;
    private final RaftCore core;
    private final Transport transport;
    private final StorageWorker storage;
    private final ApplyWorker<?, R> apply;
    private final Clock clock;
    private final Runnable onCommandDone;
    private final PendingCommands<R> pending;

    private final ConcurrentLinkedQueue<Message> inbound = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<Proposal<R>> proposals = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<long[]> persisted = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();

    private volatile Thread thread;
    private volatile boolean sleeping;
    private volatile boolean running = true;
    private volatile NodeStatus status;
    private volatile Throwable failure;
    private Role lastRole = Role.FOLLOWER;

    private SnapshotWorker snapshotWorker;
    private SnapshotSender snapshotSender;

    private final List<byte[]> payloadBatch = new ArrayList<>();
    private final List<Proposal<R>> proposalBatch = new ArrayList<>();

    EventLoop(int memberId, RaftCore core, Transport transport, StorageWorker storage, ApplyWorker<?, R> apply,
              Clock clock, Runnable onCommandDone) {
        this.memberId = memberId;
        this.core = core;
        this.transport = transport;
        this.storage = storage;
        this.apply = apply;
        this.clock = clock;
        this.onCommandDone = onCommandDone;
        this.pending = new PendingCommands<>(onCommandDone);
        publishStatus();
    }

    /** Connects the snapshot thread; called once, before the loop starts. */
    void attach(SnapshotWorker worker, long resendAfterMillis) {
        this.snapshotWorker = worker;
        this.snapshotSender = new SnapshotSender(worker, resendAfterMillis);
    }

    // ------------------------------------------------------------------ called from other threads

    @Override
    public void snapshotTaken(SnapshotMeta meta) {
        execute(() -> core.snapshotTaken(meta.index(), meta.term()));
    }

    @Override
    public void snapshotReceived(SnapshotMeta meta, int leader) {
        execute(() -> {
            if (meta.index() > core.commitIndex()) {
                // Queued before anything committed after it, so the apply thread restores first.
                apply.submit(new ApplyTask.Restore(meta));
                core.snapshotInstalled(meta.index(), meta.term(), leader);
            }
        });
    }

    void deliver(Message m) {
        inbound.add(m);
        wake();
    }

    void propose(Proposal<R> p) {
        proposals.add(p);
        wake();
    }

    void execute(Runnable task) {
        tasks.add(task);
        wake();
    }

    @Override
    public void persisted(long index, long term) {
        persisted.add(new long[] {index, term});
        wake();
    }

    @Override
    public void storageFailed(Throwable cause) {
        failure = cause;
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
        if (sleeping) {
            Thread t = thread;
            if (t != null) {
                LockSupport.unpark(t);
            }
        }
    }

    // ------------------------------------------------------------------ the loop

    @Override
    public void run() {
        thread = Thread.currentThread();
        MDC.put("node", Integer.toString(memberId));
        try {
            while (running) {
                if (!round()) {
                    idle();
                }
            }
        } catch (RuntimeException | Error e) {
            LOG.error("event loop failed; the node stops", e);
            failure = e;
            running = false;
        } finally {
            String reason = failure == null ? "node " + memberId + " closed"
                    : "node " + memberId + " stopped: " + failure;
            pending.failAll(new NodeClosedException(reason));
            failQueuedProposals(reason);
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
        Runnable task;
        while ((task = tasks.poll()) != null) {
            task.run();
            worked = true;
        }
        if (core.hasReady()) {
            handle(core.ready());
            worked = true;
        }
        return worked;
    }

    private boolean drainProposals() {
        Proposal<R> p;
        while (proposalBatch.size() < MAX_PROPOSALS_PER_BATCH && (p = proposals.poll()) != null) {
            proposalBatch.add(p);
            payloadBatch.add(p.payload());
        }
        if (proposalBatch.isEmpty()) {
            return false;
        }
        long first = core.propose(payloadBatch);
        if (first < 0) {
            NotLeaderException e = new NotLeaderException(memberId, core.leaderId());
            for (Proposal<R> q : proposalBatch) {
                q.future().completeExceptionally(e);
                onCommandDone.run();
            }
        } else {
            long term = core.term();
            for (int i = 0; i < proposalBatch.size(); i++) {
                pending.add(new Pending<>(first + i, term, proposalBatch.get(i).future()));
            }
        }
        proposalBatch.clear();
        payloadBatch.clear();
        return true;
    }

    private void handle(Ready r) {
        for (Message m : r.messages()) {
            transport.send(m);
        }
        if (r.needsStorage()) {
            storage.submit(new PersistTask(r.resetLogTo(), r.hardState(), r.entries(), r.compactLogTo(),
                    r.messagesAfterPersist()));
        }
        if (lastRole == Role.LEADER && r.role() != Role.LEADER) {
            // Before the truncation below: an entry overwritten here as leadership passes may still commit
            // through another member that holds it, so its outcome is unknown, not "not committed".
            pending.leadershipLost(r.commitIndex(), r.term());
        }
        if (r.truncatedFrom() > 0) {
            pending.overwrittenFrom(r.truncatedFrom());
        }
        if (r.role() != Role.LEADER) {
            snapshotSender.cancelAll();
        } else {
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
        if (!r.committed().isEmpty()) {
            LogEntry last = r.committed().get(r.committed().size() - 1);
            apply.submit(new ApplyBatch<>(r.committed(), pending.takeUpTo(last.index())));
        }
    }

    private void publishStatus() {
        status = new NodeStatus(memberId, core.role(), core.term(), core.leaderId(), core.commitIndex(), 0,
                core.lastIndex());
    }

    private void idle() {
        long wait = core.nextDeadline() - clock.millis();
        if (wait <= 0) {
            return;
        }
        sleeping = true;
        if (inbound.isEmpty() && proposals.isEmpty() && persisted.isEmpty() && tasks.isEmpty() && running) {
            LockSupport.parkNanos(this, TimeUnit.MILLISECONDS.toNanos(wait));
        }
        sleeping = false;
    }

    void failQueuedProposals(String reason) {
        Proposal<R> p;
        NodeClosedException e = new NodeClosedException(reason);
        while ((p = proposals.poll()) != null) {
            if (p.future().completeExceptionally(e)) {
                onCommandDone.run();
            }
        }
    }
}
