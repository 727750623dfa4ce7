package io.graft.core.raft;

import io.graft.api.Role;
import io.graft.core.protocol.AppendRequest;
import io.graft.core.protocol.AppendResponse;
import io.graft.core.protocol.EntryType;
import io.graft.core.protocol.InstallSnapshot;
import io.graft.core.protocol.InstallSnapshotResponse;
import io.graft.core.protocol.LogEntry;
import io.graft.core.protocol.Message;
import io.graft.core.protocol.VoteRequest;
import io.graft.core.protocol.VoteResponse;
import io.graft.core.snapshot.SnapshotMeta;
import io.graft.core.storage.HardState;
import io.graft.core.storage.StoredState;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One member's Raft algorithm as a deterministic state machine: no threads, clocks, sockets or files.
 *
 * <p>Events go in ({@link #tick}, {@link #step}, {@link #propose}, {@link #persisted}); the actions they
 * cause accumulate until the runtime collects them with {@link #ready()}. Time is whatever the caller says
 * it is, and randomness comes from the generator it supplies, so the same inputs always give the same
 * outputs: that is what makes the core testable by simulation.
 *
 * <p>Rules kept here, from Figure 2 of the Raft paper: term and vote are persisted before any vote or
 * vote request leaves (they go in {@link Ready#messagesAfterPersist()}); entries are persisted before they
 * are acknowledged; a leader commits only an entry of its own term by counting replicas (§5.4.2); a
 * follower truncates only on a real conflict, never because of a stale or reordered request.
 */
public final class RaftCore {
    private static final Logger LOG = LoggerFactory.getLogger(RaftCore.class);
    /** Most committed entries handed over in one {@link Ready}, so that a long catch-up is applied in pieces. */
    private static final int MAX_COMMITTED_PER_READY = 8192;
    /** Entries kept in memory below a new snapshot, so that slightly lagging followers still get entries. */
    static final long ENTRIES_KEPT_AFTER_SNAPSHOT = 1024;

    private final RaftConfig config;
    private final int self;
    private final int[] peers;
    private final int quorum;
    private final RandomGenerator random;
    private final RaftLog log;
    private final Map<Integer, Progress> progress = new LinkedHashMap<>();
    private final long[] matchScratch;

    // Persistent state (Figure 2), written through the Ready's hard state.
    private long term;
    private int votedFor;
    private boolean hardStateDirty;

    // Volatile state.
    private Role role = Role.FOLLOWER;
    private int leaderId;
    private long commitIndex;
    private long persistedIndex;
    private long handedToApply;
    private int votesGranted;
    private int votesRejected;
    private final boolean[] voted;

    // Time, in the caller's milliseconds.
    private long now;
    private long electionDeadline;
    private long heartbeatDeadline;
    private long checkQuorumDeadline;
    private long lastLeaderContact = Long.MIN_VALUE / 4;

    private ReadyBuilder out = new ReadyBuilder();
    /** What each new leader writes in its no-op entry (the command codec's descriptor), so members can check it. */
    private byte[] noopPayload = new byte[0];

    // The latest snapshot this member holds, which it sends to followers that need compacted entries.
    private long snapshotIndex;
    private long snapshotTerm;

    /**
     * @param config this member's settings
     * @param stored what storage recovered; all of it counts as persisted
     * @param random the source of election-timeout jitter
     * @param now the current time in milliseconds
     */
    public RaftCore(RaftConfig config, StoredState stored, RandomGenerator random, long now) {
        this(config, stored, null, random, now);
    }

    /**
     * @param config this member's settings
     * @param stored what storage recovered; all of it counts as persisted
     * @param snapshot the latest snapshot the state machine was restored from, or {@code null}
     * @param random the source of election-timeout jitter
     * @param now the current time in milliseconds
     */
    public RaftCore(RaftConfig config, StoredState stored, SnapshotMeta snapshot, RandomGenerator random, long now) {
        this.config = config;
        this.self = config.self();
        this.peers = Arrays.stream(config.voters()).filter(id -> id != self).toArray();
        this.quorum = config.voters().length / 2 + 1;
        this.random = random;
        this.log = recoverLog(stored.entries(), snapshot);
        if (snapshot != null) {
            this.snapshotIndex = snapshot.index();
            this.snapshotTerm = snapshot.term();
        }
        this.term = stored.hardState().term();
        this.votedFor = stored.hardState().votedFor();
        this.persistedIndex = log.lastIndex();
        this.handedToApply = log.firstIndex() - 1;
        this.commitIndex = handedToApply;
        this.matchScratch = new long[config.voters().length];
        this.voted = new boolean[peers.length + 1];
        this.now = now;
        resetElectionTimer();
    }

    /** Entries after the snapshot; ones it covers are dropped, and a suffix from older terms is discarded. */
    private static RaftLog recoverLog(List<LogEntry> entries, SnapshotMeta snapshot) {
        if (snapshot == null) {
            long base = entries.isEmpty() ? 0 : entries.get(0).index() - 1;
            if (base != 0) {
                throw new IllegalStateException("the log starts at index " + (base + 1)
                        + " but no snapshot covers the entries before it");
            }
            return new RaftLog(entries, 0, 0);
        }
        List<LogEntry> after = entries.stream().filter(e -> e.index() > snapshot.index()).toList();
        if (!after.isEmpty() && (after.get(0).index() != snapshot.index() + 1 || after.get(0).term() < snapshot.term())) {
            // A log that does not continue the snapshot (e.g. a reset interrupted by a crash): the snapshot wins.
            LOG.warn("discarding {} log entries that do not follow snapshot {}@{}", after.size(), snapshot.index(),
                    snapshot.term());
            after = List.of();
        }
        return new RaftLog(after, snapshot.index(), snapshot.term());
    }

    /**
     * Sets what this member writes into the no-op entry it appends on becoming leader (the runtime puts its
     * command codec's descriptor there, so that members configured with another codec notice).
     */
    public void setLeaderNoopPayload(byte[] payload) {
        this.noopPayload = payload.clone();
    }

    // ------------------------------------------------------------------ events

    /** Advances time to {@code now} and fires whatever timers are due. */
    public void tick(long now) {
        if (now > this.now) {
            this.now = now;
        }
        if (role == Role.LEADER) {
            if (config.checkQuorum() && this.now >= checkQuorumDeadline) {
                checkQuorumDeadline = this.now + config.electionTimeout();
                if (!quorumActive()) {
                    LOG.debug("check-quorum failed: {}", progress.values());
                    LOG.info("term {}: stepping down, no majority heard from within {} ms", term, config.electionTimeout());
                    becomeFollower(term, 0);
                    return;
                }
            }
            if (this.now >= heartbeatDeadline) {
                heartbeatDeadline = this.now + config.heartbeatInterval();
                heartbeat();
            }
        } else if (this.now >= electionDeadline) {
            campaign();
        }
    }

    /** The time at which {@link #tick} next has something to do. */
    public long nextDeadline() {
        if (role == Role.LEADER) {
            return config.checkQuorum() ? Math.min(heartbeatDeadline, checkQuorumDeadline) : heartbeatDeadline;
        }
        return electionDeadline;
    }

    /** Handles a message from another member. Messages not addressed to this member are ignored. */
    public void step(Message m) {
        if (m.to() != self || m.from() == self) {
            return;
        }
        if (m.term() > term) {
            if (m instanceof VoteRequest v) {
                if (inLease() && !v.transfer()) {
                    return; // Leader stickiness: a live leader exists, this candidate is disruptive.
                }
                if (!v.preVote()) {
                    becomeFollower(v.term(), 0);
                }
            } else if (m instanceof VoteResponse r && r.preVote() && r.granted()) {
                // A granted pre-vote carries the term we would campaign in; nothing to adopt.
            } else {
                becomeFollower(m.term(), m instanceof AppendRequest ? m.from() : 0);
            }
        } else if (m.term() < term) {
            if (m instanceof AppendRequest a) {
                // Tell the stale leader about the newer term so it steps down.
                out.messages.add(new AppendResponse(self, a.from(), term, false, a.prevLogIndex(), 0, 0));
            } else if (m instanceof VoteRequest v) {
                out.messages.add(new VoteResponse(self, v.from(), term, false, v.preVote()));
            }
            return;
        }
        if (m instanceof AppendRequest a) {
            handleAppend(a);
        } else if (m instanceof AppendResponse r) {
            handleAppendResponse(r);
        } else if (m instanceof VoteRequest v) {
            handleVote(v);
        } else if (m instanceof VoteResponse r) {
            handleVoteResponse(r);
        } else if (m instanceof InstallSnapshot c) {
            handleSnapshotChunk(c);
        } else if (m instanceof InstallSnapshotResponse r) {
            handleSnapshotResponse(r);
        }
    }

    /**
     * Reports that a snapshot up to {@code index} (of {@code term}) was taken and is durable; the log before
     * it can go. A few entries are kept in memory so that followers slightly behind need no snapshot.
     *
     * @return the index up to which storage may delete entries
     */
    public long snapshotTaken(long index, long term) {
        if (index <= snapshotIndex || index > handedToApply) {
            return 0;
        }
        snapshotIndex = index;
        snapshotTerm = term;
        long compactTo = Math.max(0, index - ENTRIES_KEPT_AFTER_SNAPSHOT);
        log.compact(compactTo);
        out.compactLogTo = compactTo;
        return compactTo;
    }

    /**
     * Reports that a snapshot received from the leader is stored and restores the state machine (the
     * runtime queued the restore ahead of any later apply). The log is replaced unless it already continues
     * the snapshot.
     */
    public void snapshotInstalled(long index, long term, int leader) {
        if (index <= commitIndex) {
            return;
        }
        if (log.term(index) == term) {
            log.compact(index); // Figure 13, step 6: keep the entries that follow the snapshot.
            out.compactLogTo = index;
        } else {
            log.reset(index, term);
            out.resetLogTo = index;
            persistedIndex = index;
            out.entries.clear();
        }
        persistedIndex = Math.max(persistedIndex, index);
        commitIndex = index;
        handedToApply = index;
        snapshotIndex = index;
        snapshotTerm = term;
        out.afterPersist.add(new InstallSnapshotResponse(self, leader, this.term, index, 0, true));
    }

    /**
     * Appends commands to the log if this member is the leader.
     *
     * @return the index of the first new entry (the rest follow consecutively), or {@code -1} if this member
     *         is not the leader and nothing was appended
     */
    public long propose(List<byte[]> payloads) {
        return propose(payloads, null);
    }

    /**
     * Appends entries of the given types ({@code null} types: all commands) if this member is the leader.
     *
     * @return the index of the first new entry, or {@code -1} if this member is not the leader
     */
    public long propose(List<byte[]> payloads, List<EntryType> types) {
        if (role != Role.LEADER || payloads.isEmpty()) {
            return -1;
        }
        long first = log.lastIndex() + 1;
        List<LogEntry> batch = new ArrayList<>(payloads.size());
        for (int i = 0; i < payloads.size(); i++) {
            EntryType type = types == null ? EntryType.COMMAND : types.get(i);
            batch.add(new LogEntry(first + i, term, type, payloads.get(i)));
        }
        log.appendAll(batch);
        out.persist(batch);
        for (Progress pr : progress.values()) {
            sendAppends(pr);
        }
        return first;
    }

    /**
     * Reports that storage has made the log durable up to {@code index}, whose entry had {@code term} when
     * the write was requested. A report for an entry that has since been overwritten is ignored.
     */
    public void persisted(long index, long term) {
        if (index > persistedIndex && index <= log.lastIndex() && log.term(index) == term) {
            persistedIndex = index;
            if (role == Role.LEADER) {
                maybeCommit();
            }
        }
    }

    // ------------------------------------------------------------------ output

    /** Whether {@link #ready()} has anything to hand over. */
    public boolean hasReady() {
        return !out.isEmpty() || hardStateDirty || handedToApply < applicableIndex();
    }

    /** Collects the actions caused by the events since the last call. */
    public Ready ready() {
        List<LogEntry> committed = List.of();
        long applicable = applicableIndex();
        if (handedToApply < applicable) {
            long to = Math.min(applicable, handedToApply + MAX_COMMITTED_PER_READY);
            committed = log.slice(handedToApply + 1, to, Integer.MAX_VALUE, Long.MAX_VALUE);
            handedToApply = to;
        }
        HardState hs = hardStateDirty ? new HardState(term, votedFor) : null;
        hardStateDirty = false;
        ReadyBuilder b = out;
        out = new ReadyBuilder();
        return new Ready(hs, b.entries, b.messages, b.afterPersist, committed, b.truncatedFrom, role, term,
                leaderId, commitIndex, b.resetLogTo, b.compactLogTo, b.snapshotTargets, b.snapshotChunks,
                b.snapshotAcks);
    }

    private long applicableIndex() {
        return Math.min(commitIndex, persistedIndex);
    }

    // ------------------------------------------------------------------ state

    public Role role() {
        return role;
    }

    public long term() {
        return term;
    }

    public int leaderId() {
        return leaderId;
    }

    public long commitIndex() {
        return commitIndex;
    }

    public long lastIndex() {
        return log.lastIndex();
    }

    public long persistedIndex() {
        return persistedIndex;
    }

    public int self() {
        return self;
    }

    /** The term of the entry at {@code index}, or {@code -1} if this member does not hold it. */
    public long termAt(long index) {
        return log.term(index);
    }

    // ------------------------------------------------------------------ elections

    private void campaign() {
        if (config.preVote()) {
            becomePreCandidate();
        } else {
            becomeCandidate();
        }
    }

    private void becomePreCandidate() {
        role = Role.PRE_CANDIDATE;
        leaderId = 0;
        resetVotes();
        resetElectionTimer();
        LOG.debug("term {}: election timeout, asking for pre-votes", term);
        if (votesGranted >= quorum) {
            becomeCandidate();
            return;
        }
        for (int peer : peers) {
            out.messages.add(new VoteRequest(self, peer, term + 1, log.lastIndex(), log.lastTerm(), true, false));
        }
    }

    private void becomeCandidate() {
        role = Role.CANDIDATE;
        term++;
        votedFor = self;
        hardStateDirty = true;
        leaderId = 0;
        resetVotes();
        resetElectionTimer();
        LOG.info("term {}: campaigning", term);
        if (votesGranted >= quorum) {
            becomeLeader();
            return;
        }
        for (int peer : peers) {
            // Our own vote must be on disk before anyone can count on it.
            out.afterPersist.add(new VoteRequest(self, peer, term, log.lastIndex(), log.lastTerm(), false, false));
        }
    }

    private void becomeLeader() {
        role = Role.LEADER;
        leaderId = self;
        progress.clear();
        for (int peer : peers) {
            Progress pr = new Progress(peer, log.lastIndex() + 1, config.maxInflight());
            pr.recentlyActive = true;
            progress.put(peer, pr);
        }
        LOG.info("term {}: elected leader", term);
        LogEntry noop = new LogEntry(log.lastIndex() + 1, term, EntryType.NOOP, noopPayload);
        log.append(noop);
        out.persist(noop);
        heartbeatDeadline = now + config.heartbeatInterval();
        checkQuorumDeadline = now + config.electionTimeout();
        for (Progress pr : progress.values()) {
            sendAppends(pr);
        }
    }

    private void becomeFollower(long newTerm, int leader) {
        if (newTerm > term) {
            term = newTerm;
            votedFor = 0;
            hardStateDirty = true;
        }
        if (role == Role.LEADER) {
            LOG.info("term {}: no longer leader", term);
        }
        role = Role.FOLLOWER;
        leaderId = leader;
        progress.clear();
        resetElectionTimer();
    }

    private void resetVotes() {
        Arrays.fill(voted, false);
        votesGranted = 1;
        votesRejected = 0;
    }

    private void resetElectionTimer() {
        electionDeadline = now + config.electionTimeout() + random.nextLong(config.electionTimeout());
    }

    /** Whether this member believes a live leader exists, so that disruptive candidates are ignored. */
    private boolean inLease() {
        if (!config.checkQuorum()) {
            return false;
        }
        if (role == Role.LEADER) {
            return true; // It steps down by itself once it stops hearing from a majority.
        }
        return leaderId != 0 && now - lastLeaderContact < config.electionTimeout();
    }

    private void handleVote(VoteRequest v) {
        boolean upToDate = v.lastLogTerm() > log.lastTerm()
                || (v.lastLogTerm() == log.lastTerm() && v.lastLogIndex() >= log.lastIndex());
        if (v.preVote()) {
            // Granting a pre-vote changes nothing here, so the answer can leave at once.
            boolean grant = v.term() > term && upToDate;
            out.messages.add(new VoteResponse(self, v.from(), grant ? v.term() : term, grant, true));
            return;
        }
        boolean canVote = votedFor == v.from() || (votedFor == 0 && leaderId == 0);
        boolean grant = canVote && upToDate;
        LOG.debug("term {}: vote for {} {} (votedFor={}, leader={}, upToDate={})", term, v.from(),
                grant ? "granted" : "refused", votedFor, leaderId, upToDate);
        if (grant) {
            votedFor = v.from();
            hardStateDirty = true;
            resetElectionTimer();
        }
        out.afterPersist.add(new VoteResponse(self, v.from(), term, grant, false));
    }

    private void handleVoteResponse(VoteResponse r) {
        boolean counting = r.preVote()
                ? role == Role.PRE_CANDIDATE && r.term() == term + 1 || role == Role.PRE_CANDIDATE && !r.granted()
                : role == Role.CANDIDATE && r.term() == term;
        if (!counting) {
            return;
        }
        int slot = peerSlot(r.from());
        if (slot < 0 || voted[slot]) {
            return;
        }
        voted[slot] = true;
        if (r.granted()) {
            votesGranted++;
        } else {
            votesRejected++;
        }
        if (votesGranted >= quorum) {
            if (r.preVote()) {
                becomeCandidate();
            } else {
                becomeLeader();
            }
        } else if (votesRejected >= quorum) {
            becomeFollower(term, 0);
        }
    }

    private int peerSlot(int id) {
        for (int i = 0; i < peers.length; i++) {
            if (peers[i] == id) {
                return i;
            }
        }
        return -1;
    }

    // ------------------------------------------------------------------ replication: follower side

    /**
     * Follows {@code leader}, whose request in our current term proves it leads: resets the election timer.
     *
     * @return false if we lead this term ourselves (two leaders in one term would be a bug elsewhere)
     */
    private boolean acceptLeader(int leader) {
        if (role == Role.LEADER) {
            LOG.error("term {}: another leader {} in the same term; ignoring it", term, leader);
            return false;
        }
        if (role != Role.FOLLOWER || leaderId != leader) {
            becomeFollower(term, leader);
        }
        lastLeaderContact = now;
        resetElectionTimer();
        return true;
    }

    private void handleAppend(AppendRequest a) {
        if (!acceptLeader(a.from())) {
            return;
        }

        long prevIndex = a.prevLogIndex();
        long prevTerm = a.prevLogTerm();
        List<LogEntry> entries = a.entries();
        long committedBefore = commitIndex;
        if (prevIndex < commitIndex) {
            // Everything up to our commit index already matches the leader's log (Log Matching and Leader
            // Completeness), so skip those entries instead of comparing them.
            int skip = (int) Math.min(entries.size(), commitIndex - prevIndex);
            entries = entries.subList(skip, entries.size());
            prevIndex += skip;
            prevTerm = log.term(prevIndex);
        }
        if (!log.matches(prevIndex, prevTerm)) {
            long hintTerm;
            long hintIndex;
            if (prevIndex > log.lastIndex()) {
                hintTerm = 0;
                hintIndex = log.lastIndex() + 1;
            } else {
                hintTerm = log.term(prevIndex);
                hintIndex = log.firstIndexOfTerm(hintTerm, prevIndex);
            }
            out.afterPersist.add(new AppendResponse(self, a.from(), term, false, a.prevLogIndex(), hintIndex, hintTerm));
            return;
        }
        long lastNew = prevIndex + entries.size();
        for (int i = 0; i < entries.size(); i++) {
            LogEntry e = entries.get(i);
            if (e.index() > log.lastIndex()) {
                appendFrom(entries, i);
                break;
            }
            if (log.term(e.index()) != e.term()) {
                if (e.index() <= commitIndex) {
                    throw new IllegalStateException("leader " + a.from() + " conflicts with committed entry " + e.index());
                }
                LOG.debug("term {}: conflict at {}, truncating", term, e.index());
                log.truncateFrom(e.index());
                out.truncated(e.index());
                persistedIndex = Math.min(persistedIndex, e.index() - 1);
                appendFrom(entries, i);
                break;
            }
        }
        long newCommit = Math.min(a.leaderCommit(), lastNew);
        if (newCommit > commitIndex) {
            commitIndex = newCommit;
        }
        out.afterPersist.add(new AppendResponse(self, a.from(), term, true, Math.max(lastNew, committedBefore), 0, 0));
    }

    private void appendFrom(List<LogEntry> entries, int from) {
        List<LogEntry> fresh = List.copyOf(entries.subList(from, entries.size()));
        log.appendAll(fresh);
        out.persist(fresh);
    }

    private void handleSnapshotChunk(InstallSnapshot c) {
        if (!acceptLeader(c.from())) {
            return;
        }
        if (c.index() <= commitIndex) {
            // Our committed log already covers it, so our log matches the leader's up to its index.
            out.messages.add(new InstallSnapshotResponse(self, c.from(), term, c.index(), c.totalSize(), true));
            return;
        }
        out.snapshotChunks.add(c);
    }

    private void handleSnapshotResponse(InstallSnapshotResponse r) {
        if (role != Role.LEADER) {
            return;
        }
        Progress pr = progress.get(r.from());
        if (pr == null) {
            return;
        }
        pr.recentlyActive = true;
        out.snapshotAcks.add(r);
        if (pr.mode != Progress.Mode.SNAPSHOT) {
            return;
        }
        pr.snapshotProgressAt = now;
        if (r.installed()) {
            pr.match = Math.max(pr.match, r.index());
            pr.becomeProbe();
            maybeCommit();
            sendAppends(pr);
        }
    }

    // ------------------------------------------------------------------ replication: leader side

    private void handleAppendResponse(AppendResponse r) {
        if (role != Role.LEADER) {
            return;
        }
        Progress pr = progress.get(r.from());
        if (pr == null) {
            return;
        }
        pr.recentlyActive = true;
        if (pr.mode == Progress.Mode.SNAPSHOT) {
            return; // Only the snapshot's installation moves this follower on.
        }
        if (r.success()) {
            pr.freeInflightTo(r.index());
            if (r.index() > pr.match) {
                pr.match = r.index();
                if (pr.mode == Progress.Mode.PROBE) {
                    pr.becomeReplicate();
                } else if (pr.next <= pr.match) {
                    pr.next = pr.match + 1;
                }
                maybeCommit();
            } else if (pr.mode == Progress.Mode.PROBE) {
                pr.probeSent = false;
            }
            sendAppends(pr);
            return;
        }
        if (pr.mode == Progress.Mode.REPLICATE) {
            if (r.index() <= pr.match) {
                return; // Stale: rejects something already acknowledged.
            }
            pr.becomeProbe();
        } else if (r.index() != pr.next - 1) {
            return; // Stale: answers an older probe.
        }
        long next;
        if (r.hintTerm() == 0) {
            next = r.hintIndex();
        } else {
            long last = log.lastIndexOfTerm(r.hintTerm());
            next = last > 0 ? last + 1 : r.hintIndex();
        }
        pr.next = Math.max(pr.match + 1, Math.min(next, r.index()));
        pr.probeSent = false;
        sendAppends(pr);
    }

    /** Sends as many requests as the follower's mode and pipeline allow. */
    private void sendAppends(Progress pr) {
        if (pr.mode == Progress.Mode.SNAPSHOT) {
            return;
        }
        if (pr.next <= log.firstIndex() - 1 || log.term(pr.next - 1) < 0) {
            startSnapshot(pr);
            return;
        }
        if (pr.mode == Progress.Mode.PROBE) {
            if (!pr.probeSent) {
                sendProbe(pr);
            }
            return;
        }
        while (!pr.inflightFull() && pr.next <= log.lastIndex()) {
            List<LogEntry> entries = log.slice(pr.next, log.lastIndex(), config.maxEntriesPerMessage(),
                    config.maxBytesPerMessage());
            long prev = pr.next - 1;
            long last = entries.get(entries.size() - 1).index();
            out.messages.add(new AppendRequest(self, pr.memberId, term, prev, log.term(prev), commitIndex, entries));
            pr.next = last + 1;
            pr.addInflight(last);
        }
    }

    private void startSnapshot(Progress pr) {
        pr.becomeSnapshot(snapshotIndex, now);
        out.snapshotTargets.add(new SnapshotTarget(pr.memberId, snapshotIndex, snapshotTerm));
    }

    private void sendProbe(Progress pr) {
        long prev = pr.next - 1;
        if (log.term(prev) < 0) {
            startSnapshot(pr);
            return;
        }
        List<LogEntry> entries = log.slice(pr.next, log.lastIndex(), config.maxEntriesPerMessage(),
                config.maxBytesPerMessage());
        out.messages.add(new AppendRequest(self, pr.memberId, term, prev, log.term(prev), commitIndex, entries));
        pr.probeSent = true;
    }

    private void heartbeat() {
        for (Progress pr : progress.values()) {
            if (pr.mode == Progress.Mode.SNAPSHOT) {
                if (now - pr.snapshotProgressAt > 4 * config.electionTimeout()) {
                    startSnapshot(pr); // The transfer stalled: start it again (the follower resumes it).
                }
                if (log.term(pr.match) >= 0) {
                    out.messages.add(new AppendRequest(self, pr.memberId, term, pr.match, log.term(pr.match),
                            Math.min(commitIndex, pr.match), List.of()));
                }
                continue;
            }
            if (pr.mode == Progress.Mode.PROBE) {
                sendProbe(pr); // Resends a probe that may have been lost.
            } else if (pr.inflightCount() > 0 && pr.oldestInflight() == pr.oldestInflightAtHeartbeat) {
                pr.becomeProbe(); // Unacknowledged for a whole interval: assume loss, find the match again.
                sendProbe(pr);
            } else if (pr.next <= log.lastIndex() && !pr.inflightFull()) {
                sendAppends(pr);
            } else if (log.term(pr.match) >= 0) {
                out.messages.add(new AppendRequest(self, pr.memberId, term, pr.match, log.term(pr.match),
                        commitIndex, List.of()));
            } else {
                sendProbe(pr);
            }
            pr.oldestInflightAtHeartbeat = pr.oldestInflight();
        }
    }

    private boolean quorumActive() {
        int active = 1;
        for (Progress pr : progress.values()) {
            if (pr.recentlyActive) {
                active++;
            }
            pr.recentlyActive = false;
        }
        return active >= quorum;
    }

    private void maybeCommit() {
        int n = 0;
        matchScratch[n++] = persistedIndex;
        for (Progress pr : progress.values()) {
            matchScratch[n++] = pr.match;
        }
        Arrays.sort(matchScratch, 0, n);
        long candidate = matchScratch[n - quorum];
        // Only an entry of the current term is committed by counting (Raft §5.4.2, Figure 8).
        if (candidate > commitIndex && log.term(candidate) == term) {
            commitIndex = candidate;
        }
    }

    @Override
    public String toString() {
        return "RaftCore[" + self + " " + role + " term=" + term + " leader=" + leaderId + " last=" + log.lastIndex()
                + " commit=" + commitIndex + " persisted=" + persistedIndex + "]";
    }
}
