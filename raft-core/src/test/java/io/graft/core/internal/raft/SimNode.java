package io.graft.core.internal.raft;

import io.graft.core.internal.protocol.ClusterMembership;
import io.graft.core.storage.LogEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * One simulated member: its core, its disk, and what its state machine applied. A crash keeps the disk's
 * durable part and nothing else; a restart builds a fresh core from it and replays the log from scratch, as a
 * state machine without snapshots would.
 */
final class SimNode implements CheckedMember {
    private final int id;
    private final RaftConfig config;
    private final SimStorage storage;
    private final SplittableRandom random;
    private final ClusterMembership bootstrap;
    private RaftCore core;
    private boolean up = true;
    private final List<LogEntry> applied = new ArrayList<>();
    private final List<Ready> readies = new ArrayList<>();
    private Marks marks;

    SimNode(RaftConfig config, SimStorage storage, SplittableRandom random, long now) {
        this(config, ClusterMembership.ofVoterIds(config.voters()), storage, random, now);
    }

    /** @param bootstrap the membership before the log's ({@link ClusterMembership#EMPTY} for a joining member) */
    SimNode(RaftConfig config, ClusterMembership bootstrap, SimStorage storage, SplittableRandom random, long now) {
        this.id = config.self();
        this.config = config;
        this.bootstrap = bootstrap;
        this.storage = storage;
        this.random = random;
        start(now);
    }

    private void start(long now) {
        core = new RaftCore(config, bootstrap, storage.recover(), null, random, now);
        applied.clear();
        marks = new Marks(core.commitIndex(), storage.hardState());
        up = true;
    }

    void crash() {
        up = false;
        storage.crash();
    }

    void restart(long now) {
        if (up) {
            throw new IllegalStateException("member " + id + " is running; crash it first");
        }
        start(now);
    }

    @Override
    public int id() {
        return id;
    }

    RaftConfig config() {
        return config;
    }

    @Override
    public RaftCore core() {
        return core;
    }

    SimStorage storage() {
        return storage;
    }

    @Override
    public boolean isUp() {
        return up;
    }

    @Override
    public long lastApplied() {
        return applied.size();
    }

    @Override
    public Marks marks() {
        return marks;
    }

    /** Entries applied since the last start, in order, from index 1. */
    List<LogEntry> applied() {
        return applied;
    }

    void recordReady(Ready r) {
        readies.add(r);
    }

    /** The {@link Ready}s this member produced since the last call, oldest first. */
    List<Ready> takeReadies() {
        List<Ready> taken = List.copyOf(readies);
        readies.clear();
        return taken;
    }

    @Override
    public String toString() {
        return (up ? "" : "(down) ") + core + " applied=" + applied.size() + " durable=" + storage.lastIndex();
    }
}
