package io.graft.core.runtime;

import io.graft.api.Codec;
import io.graft.api.NodeClosedException;
import io.graft.api.NodeStatus;
import io.graft.api.NotLeaderException;
import io.graft.api.OverloadedException;
import io.graft.api.RaftNode;
import io.graft.api.Role;
import io.graft.api.StateMachine;
import io.graft.api.config.ClusterConfig;
import io.graft.api.transport.Transport;
import io.graft.api.transport.TransportContext;
import io.graft.core.client.SessionTable;
import io.graft.core.protocol.EntryType;
import io.graft.core.raft.RaftConfig;
import io.graft.core.raft.RaftCore;
import io.graft.core.snapshot.SnapshotMeta;
import io.graft.core.snapshot.SnapshotStore;
import io.graft.core.storage.LogStorage;
import io.graft.core.storage.StoredState;
import io.graft.core.storage.file.StorageException;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A member running in this JVM: its {@link RaftCore} on an {@link EventLoop} thread, with a storage thread,
 * an apply thread and a snapshot thread. Built by {@link io.graft.core.Graft}.
 */
public final class LocalRaftNode<C, R> implements RaftNode<C, R> {
    private static final Logger LOG = LoggerFactory.getLogger(LocalRaftNode.class);
    /** How long a remote client's session may stay idle before every member forgets it. */
    static final long SESSION_TIMEOUT_MILLIS = java.util.concurrent.TimeUnit.MINUTES.toMillis(10);

    private final int id;
    private final Codec<C> codec;
    private final Transport transport;
    private final LogStorage storage;
    private final int maxPending;
    private final AtomicInteger pendingCount = new AtomicInteger();
    private final EventLoop loop;
    private final StorageWorker storageWorker;
    private final ApplyWorker<C, R> applyWorker;
    private final SnapshotWorker snapshotWorker;
    private final NodeInbox inbox;
    private final Thread loopThread;
    private final Thread storageThread;
    private final Thread applyThread;
    private final AtomicBoolean closed = new AtomicBoolean();

    /**
     * Starts a member: recovers its snapshot and log, then joins the cluster. Use
     * {@link io.graft.core.Graft#node} rather than this constructor.
     */
    public LocalRaftNode(ClusterConfig cluster, RaftConfig raftConfig, StateMachine<C, R> stateMachine,
                         Codec<C> codec, Codec<R> resultCodec, Transport transport, LogStorage storage, Clock clock,
                         RandomGenerator random) {
        this.id = raftConfig.self();
        this.codec = codec;
        this.transport = transport;
        this.storage = storage;
        this.maxPending = cluster.maxPendingCommands();
        SnapshotStore snapshots = storage.snapshots();
        SnapshotMeta snapshot = snapshots.latest().orElse(null);
        SessionTable sessions = new SessionTable(SESSION_TIMEOUT_MILLIS);
        if (snapshot != null) {
            try {
                ApplyWorker.restore(stateMachine, sessions, snapshots, snapshot);
            } catch (IOException e) {
                throw new StorageException("member " + id + " cannot restore its snapshot at index "
                        + snapshot.index() + ": " + e.getMessage(), e);
            }
        }
        StoredState stored = storage.load();
        RaftCore core = new RaftCore(raftConfig, stored, snapshot, random, clock.millis());
        core.setLeaderNoopPayload(codec.descriptor().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        Runnable done = pendingCount::decrementAndGet;
        List<Integer> voters = Arrays.stream(raftConfig.voters()).boxed().toList();
        EventLoop[] loopRef = new EventLoop[1];
        this.applyWorker = new ApplyWorker<>(id, stateMachine, codec, resultCodec, sessions, snapshots, voters,
                cluster.snapshotEvery(), snapshot, done, e -> loopRef[0].storageFailed(e));
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
        this.loop = new EventLoop(id, core, transport, storageWorker, applyWorker, clock, done);
        loopRef[0] = loop;
        listener[0] = loop;
        this.snapshotWorker = new SnapshotWorker(id, snapshots, transport, loop);
        applyWorker.attach(snapshotWorker);
        loop.attach(snapshotWorker, raftConfig.electionTimeout());
        ClientService clients = new ClientService(id, loop, pendingCount, maxPending, this::status);
        this.inbox = new NodeInbox(id, loop::deliver, clients::handle);

        this.applyThread = thread(applyWorker, "graft-apply-" + id);
        this.storageThread = thread(storageWorker, "graft-storage-" + id);
        this.loopThread = thread(loop, "graft-node-" + id);
        // The transport first: messages that arrive before the loop runs just wait in its queue, while a
        // loop that ran first could send through a transport that is not ready.
        transport.start(new TransportContext(id, cluster, inbox));
        applyThread.start();
        storageThread.start();
        loopThread.start();
        LOG.info("member {} started: snapshot at {}, {} log entries, term {}", id,
                snapshot == null ? 0 : snapshot.index(), stored.entries().size(), stored.hardState().term());
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

    @Override
    public CompletableFuture<R> submit(C command) {
        CompletableFuture<R> future = new CompletableFuture<>();
        if (!loop.isRunning()) {
            future.completeExceptionally(closedException());
            return future;
        }
        NodeStatus s = loop.status();
        if (s.role() != Role.LEADER) {
            future.completeExceptionally(new NotLeaderException(id, s.leaderId()));
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
            future.completeExceptionally(new OverloadedException("member " + id + " already has " + maxPending
                    + " commands pending; wait for some to complete or raise maxPendingCommands"));
            return future;
        }
        @SuppressWarnings("unchecked")
        CompletableFuture<Object> untyped = (CompletableFuture<Object>) (CompletableFuture<?>) future;
        loop.propose(new Proposal(payload, EntryType.COMMAND, untyped));
        if (!loop.isRunning()) {
            loop.failQueuedProposals(closedException().getMessage());
        }
        return future;
    }

    private NodeClosedException closedException() {
        Throwable f = loop.failure();
        return new NodeClosedException(f == null ? "member " + id + " is closed" : "member " + id + " stopped: " + f);
    }

    @Override
    public NodeStatus status() {
        NodeStatus s = loop.status();
        return new NodeStatus(s.memberId(), s.role(), s.term(), s.leaderId(), s.commitIndex(),
                applyWorker.appliedIndex(), s.lastLogIndex());
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

    /** Messages dropped by this member's inbox as bad input (undecodable, misaddressed, wrong sender). */
    public long rejectedMessages() {
        return inbox.rejected();
    }

    /** Why the node stopped by itself (storage failure, codec mismatch...), if it did. */
    public java.util.Optional<Throwable> failure() {
        return java.util.Optional.ofNullable(loop.failure());
    }

    /** Whether the node is running (not closed, and not stopped by a failure). */
    public boolean isRunning() {
        return loop.isRunning();
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        loop.stop();
        storageWorker.stop();
        applyWorker.stop();
        transport.close();
        join(loopThread);
        join(storageThread);
        join(applyThread);
        snapshotWorker.stop();
        storage.close();
        LOG.info("member {} closed", id);
    }

    private static void join(Thread t) {
        try {
            t.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
