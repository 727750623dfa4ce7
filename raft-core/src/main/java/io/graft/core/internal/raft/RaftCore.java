package io.graft.core.internal.raft;

import io.graft.api.LeadershipTransferException;
import io.graft.api.MembershipChangeException;
import io.graft.api.Role;
import io.graft.core.internal.protocol.AppendRequest;
import io.graft.core.internal.protocol.AppendResponse;
import io.graft.core.internal.protocol.ClusterMembership;
import io.graft.core.internal.protocol.InstallSnapshot;
import io.graft.core.internal.protocol.InstallSnapshotResponse;
import io.graft.core.internal.protocol.Message;
import io.graft.core.internal.protocol.TimeoutNow;
import io.graft.core.internal.protocol.VoteRequest;
import io.graft.core.internal.protocol.VoteResponse;
import io.graft.core.snapshot.SnapshotMeta;
import io.graft.core.storage.EntryType;
import io.graft.core.storage.HardState;
import io.graft.core.storage.LogEntry;
import io.graft.core.storage.StoredState;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
 *
 * <p>Beyond the basic algorithm: leadership transfer (thesis §3.10, {@link #transferLeadership}),
 * linearizable reads by ReadIndex and by lease (§6.4, {@link #requestRead}, {@link #leaseReadIndex}), and
 * membership changes one server at a time (chapter 4, {@link #proposeMembership}): the membership in effect is
 * the latest configuration entry in the log, majorities are counted over its voters, learners receive the log
 * without voting, and a learner that joins to vote is promoted by the leader once it has caught up.
 */
public final class RaftCore {
    private static final Logger LOG = LoggerFactory.getLogger(RaftCore.class);
    /** Most committed entries handed over in one {@link Ready}, so that a long catch-up is applied in pieces. */
    private static final int MAX_COMMITTED_PER_READY = 8192;
    /** Entries kept in memory below a new snapshot, so that slightly lagging followers still get entries. */
    static final long ENTRIES_KEPT_AFTER_SNAPSHOT = 1024;
    /** The share of the election timeout a lease read leaves as margin for clock drift (a tenth). */
    private static final int LEASE_DRIFT_DIVISOR = 10;

    private final RaftConfig config;
    private final int self;
    private final RandomGenerator random;
    private final RaftLog log;
    private final MembershipLog memberships;
    private final Map<Integer, Progress> progress = new LinkedHashMap<>();
    private long[] matchScratch = new long[8];
    private Voters voters;
    private final ReadTracker reads = new ReadTracker();

    // Persistent state (Figure 2), written through the Ready's hard state.
    private long term;
    private int votedFor;
    /** Started without data and not yet caught up by a leader (see {@link HardState#catchingUp()}). */
    private boolean catchingUp;
    private boolean hardStateDirty;
    /** The last term in which a vote was refused for catching up, to log that once per term. */
    private long catchUpRefusalLogged = -1;
    /** While catching up: the highest index its leader confirmed it holds every committed entry up to, or 0. */
    private long catchUpIndex;

    // Volatile state.
    private Role role = Role.FOLLOWER;
    private int leaderId;
    private long commitIndex;
    private long persistedIndex;
    private long handedToApply;
    /** In an election: each voter's answer (true = granted), own vote included. */
    private final Map<Integer, Boolean> votes = new HashMap<>();
    /** Whether this member was a voter when the membership last changed (to log the change once). */
    private boolean wasVoter;

    // Time, in the caller's milliseconds.
    private long now;
    private long electionDeadline;
    private long heartbeatDeadline;
    private long checkQuorumDeadline;
    private long lastLeaderContact = Long.MIN_VALUE / 4;
    /**
     * A member restarted with a term ignores disruptive vote requests for an election timeout, as if it had
     * just heard from a leader: it may have, before the restart, and a lease read counts on that.
     */
    private long restartQuietUntil = Long.MIN_VALUE / 4;

    // Leadership transfer: the target (0 when none) and when to give up.
    private int transferTarget;
    private long transferDeadline;
    /** A TimeoutNow left in this term: voters may elect someone else at any time, so no more lease reads. */
    private boolean leaseRevoked;

    private final ReadyBuilder out = new ReadyBuilder();
    /** What each new leader writes in its no-op entry (the command codec's descriptor), so members can check it. */
    private byte[] noopPayload = new byte[0];

    // The latest snapshot this member holds, which it sends to followers that need compacted entries.
    private long snapshotIndex;
    private long snapshotTerm;
    private long entriesKeptAfterSnapshot = ENTRIES_KEPT_AFTER_SNAPSHOT;

    /** Test-only: deliberate mistakes switched on by simulation tests; always empty in production. */
    private EnumSet<InjectedBug> injectedBugs = EnumSet.noneOf(InjectedBug.class);

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
        this(config, ClusterMembership.ofVoterIds(config.voters()), stored, snapshot, random, now);
    }

    /**
     * @param config this member's settings
     * @param bootstrap the membership before any configuration entry: the configuration file's members, or
     *                  {@link ClusterMembership#EMPTY} for a member joining a running cluster (it then waits for
     *                  the leader). A snapshot's or the log's membership takes precedence.
     * @param stored what storage recovered; all of it counts as persisted
     * @param snapshot the latest snapshot the state machine was restored from, or {@code null}
     * @param random the source of election-timeout jitter
     * @param now the current time in milliseconds
     */
    public RaftCore(RaftConfig config, ClusterMembership bootstrap, StoredState stored, SnapshotMeta snapshot,
                    RandomGenerator random, long now) {
        this.config = config;
        this.self = config.self();
        this.random = random;
        this.log = recoverLog(stored.entries(), snapshot);
        if (snapshot != null) {
            this.snapshotIndex = snapshot.index();
            this.snapshotTerm = snapshot.term();
            List<LogEntry> entries = stored.entries();
            if (!entries.isEmpty() && entries.get(entries.size() - 1).index() < snapshot.index()) {
                // A crash lost the log reset that followed installing this snapshot: storage still holds an
                // older log that ends before it, where the next entry (after the snapshot) would leave a gap.
                out.resetLogTo = snapshot.index();
            }
        }
        boolean snapshotKnowsMembers = snapshot != null && snapshot.membership() != null;
        this.memberships = new MembershipLog(snapshotKnowsMembers ? snapshot.membership() : bootstrap,
                snapshotKnowsMembers ? snapshot.index() : 0);
        for (long i = log.firstIndex(); i <= log.lastIndex(); i++) {
            memberships.appended(log.entry(i));
        }
        this.wasVoter = membership().isVoter(self);
        this.term = stored.hardState().term();
        this.votedFor = stored.hardState().votedFor();
        this.catchingUp = stored.hardState().catchingUp();
        this.persistedIndex = log.lastIndex();
        this.handedToApply = log.firstIndex() - 1;
        this.commitIndex = handedToApply;
        this.now = now;
        if (term > 0 && config.checkQuorum()) {
            restartQuietUntil = now + config.electionTimeout();
        }
        if (catchingUp) {
            LOG.info("member {} starts without data (or was not yet caught up when it stopped): until a leader has"
                    + " brought its log up to date it votes only for members in the same situation, as in a new"
                    + " cluster", self);
        }
        if (!wasVoter) {
            LOG.info("member {} is not a voter in membership {}; it waits for a leader and will not campaign", self,
                    membership());
        }
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
            if (transferTarget != 0 && this.now >= transferDeadline) {
                LOG.info("term {}: member {} did not take over within {} ms; leadership transfer abandoned", term,
                        transferTarget, config.electionTimeout());
                transferTarget = 0;
            }
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
                reads.next(this.now, log.lastIndex());
                heartbeat();
                maybePromoteLearner();
            }
        } else if (this.now >= electionDeadline) {
            if (membership().isVoter(self)) {
                campaign();
            } else {
                resetElectionTimer(); // Not a voter: nothing to campaign for; wait for a leader.
            }
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
        if (m instanceof VoteRequest v && ignoresCandidate(v)) {
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
                becomeFollower(m.term(), m instanceof AppendRequest || m instanceof TimeoutNow ? m.from() : 0);
            }
        } else if (m.term() < term) {
            if (m instanceof AppendRequest a) {
                // Tell the stale leader about the newer term so it steps down.
                out.send(new AppendResponse(self, a.from(), term, false, a.prevLogIndex(), 0, 0));
            } else if (m instanceof VoteRequest v) {
                out.send(new VoteResponse(self, v.from(), term, false, v.preVote()));
            } else if (m instanceof InstallSnapshot c) {
                // Likewise: a leader that only sends us snapshots would otherwise never learn of our term.
                out.send(new InstallSnapshotResponse(self, c.from(), term, c.index(), 0, false));
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
        } else if (m instanceof TimeoutNow t) {
            handleTimeoutNow(t);
        }
    }

    /**
     * Whether to ignore a (pre-)vote request from a member that is not a voter here, so that removed members
     * cannot disrupt the cluster. A candidate whose log is more up to date than ours may know a membership we
     * have not seen yet (one that made it a voter), so it is heard: ignoring it could leave no electable voter.
     */
    private boolean ignoresCandidate(VoteRequest v) {
        if (membership().isVoter(v.from())) {
            return false;
        }
        boolean newerLog = v.lastLogTerm() > log.lastTerm()
                || (v.lastLogTerm() == log.lastTerm() && v.lastLogIndex() > log.lastIndex());
        if (!newerLog) {
            LOG.debug("term {}: ignoring a vote request from {}, which is not a voter in {}", term, v.from(),
                    membership());
        }
        return !newerLog;
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
        long compactTo = Math.max(0, index - entriesKeptAfterSnapshot);
        log.compact(compactTo);
        memberships.compactedTo(compactTo);
        out.compactLogTo = compactTo;
        return compactTo;
    }

    /**
     * Reports that a snapshot received from the leader is stored and restores the state machine (the
     * runtime queued the restore ahead of any later apply). The log is replaced unless it already continues
     * the snapshot.
     */
    public void snapshotInstalled(long index, long term, int leader) {
        snapshotInstalled(index, term, leader, null);
    }

    /**
     * Like {@link #snapshotInstalled(long, long, int)}, with the membership the snapshot records ({@code null}
     * if it records none: the membership from the log is kept).
     */
    public void snapshotInstalled(long index, long term, int leader, ClusterMembership snapshotMembership) {
        if (index <= commitIndex) {
            return;
        }
        if (log.term(index) == term) {
            log.compact(index); // Figure 13, step 6: keep the entries that follow the snapshot.
            memberships.compactedTo(index);
            out.compactLogTo = index;
        } else {
            log.reset(index, term);
            memberships.reset(index, snapshotMembership != null ? snapshotMembership : membership());
            membershipChanged();
            out.resetLogTo = index;
            persistedIndex = index;
            out.clearEntries();
        }
        persistedIndex = Math.max(persistedIndex, index);
        commitIndex = index;
        handedToApply = index;
        snapshotIndex = index;
        snapshotTerm = term;
        maybeFinishCatchingUp();
        out.sendAfterPersist(new InstallSnapshotResponse(self, leader, this.term, index, 0, true));
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
        if (role != Role.LEADER || payloads.isEmpty() || transferTarget != 0) {
            return -1;
        }
        long first = log.lastIndex() + 1;
        for (int i = 0; i < payloads.size(); i++) {
            EntryType type = types == null ? EntryType.COMMAND : types.get(i);
            log.append(new LogEntry(first + i, term, type, payloads.get(i)));
        }
        appendedAsLeader(first);
        return first;
    }

    /** Persists and replicates the entries this leader just appended to its log, from {@code first} on. */
    private void appendedAsLeader(long first) {
        List<LogEntry> batch = log.slice(first, log.lastIndex(), Integer.MAX_VALUE, Long.MAX_VALUE);
        out.persist(batch);
        boolean changed = false;
        for (LogEntry e : batch) {
            changed |= memberships.appended(e);
        }
        if (changed) {
            membershipChanged();
        }
        for (Progress pr : progress.values()) {
            sendAppends(pr);
        }
    }

    /**
     * Starts handing leadership to {@code target} (thesis §3.10): no more proposals are accepted, the target's
     * log is brought up to date, then it is told to campaign at once ({@link TimeoutNow}). The transfer is
     * abandoned after an election timeout if the target has not taken over by then; the runtime sees the
     * outcome in {@link #leaderId()} and {@link #transferTarget()}.
     *
     * @param target a voter other than this member, or {@code 0} for the voter whose log is most up to date
     * @return the target, {@code 0} if there is no other voter to hand over to, or {@code -1} if this member
     *         is not the leader
     * @throws IllegalArgumentException if {@code target} is not a voter
     */
    public int transferLeadership(int target) {
        if (role != Role.LEADER) {
            return -1;
        }
        int chosen = target == 0 ? mostUpToDateVoter() : target;
        if (chosen == 0) {
            return 0;
        }
        if (chosen == self || !membership().isVoter(chosen)) {
            throw new IllegalArgumentException("member " + chosen + " cannot take over: the voters are "
                    + membership().voterIds() + " and this member (" + self + ") already leads");
        }
        transferTarget = chosen;
        transferDeadline = now + config.electionTimeout();
        LOG.info("term {}: handing leadership to member {}", term, chosen);
        Progress pr = progress.get(chosen);
        if (!maybeSendTimeoutNow(pr)) {
            sendAppends(pr);
        }
        return chosen;
    }

    /** The member leadership is being handed to, or {@code 0} when no transfer is under way. */
    public int transferTarget() {
        return transferTarget;
    }

    /**
     * Registers a linearizable read (ReadIndex, thesis §6.4): once this leader has committed an entry of its
     * term and a majority has confirmed its leadership after this call, a {@link ReadState} with {@code id}
     * and the index the read may run at comes out in a {@link Ready}. Reads that arrive while a confirmation
     * round is in flight share the next one. Leadership loss drops pending reads (the runtime fails them).
     *
     * @return {@code false} if this member is not the leader
     */
    public boolean requestRead(long id) {
        if (role != Role.LEADER) {
            return false;
        }
        reads.enqueue(id);
        maybeStartReadRound();
        return true;
    }

    /**
     * The index a lease read may run at without a round trip (thesis §6.4.1), or {@code -1} when the lease is
     * not held: this leader must have heard, in answer to messages sent less than an election timeout (minus a
     * tenth for clock drift) ago, from a majority, which then ignore other candidates until then (check-quorum
     * must be on); it must have committed an entry of its term; and it must not have handed leadership over in
     * this term (voters do not ignore a transfer's candidate).
     */
    public long leaseReadIndex() {
        if (role != Role.LEADER || !config.checkQuorum() || leaseRevoked || transferTarget != 0 || !committedInTerm()) {
            return -1;
        }
        long start = reads.startedAt(majorityContext());
        long lease = config.electionTimeout() - Math.max(1, config.electionTimeout() / LEASE_DRIFT_DIVISOR);
        return start >= 0 && now < start + lease ? commitIndex : -1;
    }

    /**
     * Appends a new membership (thesis §4.1: one voter added or removed at a time; learners freely), in effect
     * here at once and on each follower as soon as it has the entry.
     *
     * @return the configuration entry's index, or {@code -1} if this member is not the leader
     * @throws MembershipChangeException if a change is still uncommitted, this leader has not committed an
     *                                   entry of its term yet, or the change is more than one voter or leaves none
     * @throws LeadershipTransferException if leadership is being handed over
     */
    public long proposeMembership(ClusterMembership next) {
        if (role != Role.LEADER) {
            return -1;
        }
        if (transferTarget != 0) {
            throw new LeadershipTransferException(transferTarget, "member " + self + " is handing leadership to member "
                    + transferTarget + "; change the membership at the new leader");
        }
        if (!committedInTerm()) {
            throw new MembershipChangeException("member " + self + " was just elected and has not committed an entry "
                    + "of its term yet; retry in a moment");
        }
        MembershipLog.Version current = memberships.current();
        if (current.index() > commitIndex) {
            throw new MembershipChangeException("the membership change at index " + current.index() + " ("
                    + current.membership() + ") is not committed yet; Graft changes one member at a time, so retry once"
                    + " it is");
        }
        List<Integer> before = current.membership().voterIds();
        List<Integer> after = next.voterIds();
        long changedVoters = before.stream().filter(id -> !after.contains(id)).count()
                + after.stream().filter(id -> !before.contains(id)).count();
        if (changedVoters > 1) {
            throw new MembershipChangeException("from voters " + before + " to " + after + " changes more than one "
                    + "voter; add or remove one member at a time");
        }
        if (after.isEmpty()) {
            throw new MembershipChangeException("the cluster needs at least one voter; " + before + " would have none");
        }
        LogEntry entry = LogEntry.configuration(log.lastIndex() + 1, term, next);
        log.append(entry);
        appendedAsLeader(entry.index());
        LOG.info("term {}: membership {} proposed at index {}", term, next, entry.index());
        maybeCommit(); // A smaller majority may already hold everything.
        return entry.index();
    }

    /** The voters of {@link #membership()}, cached while it stays the same. */
    private Voters voters() {
        voters = Voters.of(membership(), voters);
        return voters;
    }

    /** The membership in effect here: the latest in the log (committed or not). */
    public ClusterMembership membership() {
        return memberships.current().membership();
    }

    /** The index of the configuration entry of {@link #membership()}, or 0 for the bootstrap membership. */
    public long membershipIndex() {
        return memberships.current().index();
    }

    /** The latest membership known to be committed. */
    public ClusterMembership committedMembership() {
        return memberships.committed(commitIndex).membership();
    }

    /** The log index of {@link #committedMembership()}'s entry, or 0 for the bootstrap membership. */
    public long committedMembershipIndex() {
        return memberships.committed(commitIndex).index();
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
            maybeFinishCatchingUp();
        }
    }

    /**
     * A catching-up follower is caught up once it durably holds its leader's log up to an index the leader
     * confirmed (see {@link AppendRequest#catchUpConfirmed()}): where the leader's log ended when a read round
     * began after this member's answers stopped counting, a round that a majority of members in the leader's
     * standing then answered, so that the leader's log then held every committed entry. (A leader's commit index
     * alone proves nothing: a stale leader, cut off from the others, still announces its old one, and a member
     * that lost its term cannot tell.) A catching-up leader (of a new cluster) is caught up with its followers:
     * see {@link #maybeLeaderCaughtUp()}. Persisted with the next hard state.
     */
    private void maybeFinishCatchingUp() {
        if (!catchingUp) {
            return;
        }
        long index = role == Role.FOLLOWER && leaderId != 0 ? catchUpIndex : 0;
        if (index > 0 && index <= persistedIndex && log.term(index) == term) {
            catchingUp = false;
            hardStateDirty = true;
            LOG.info("term {}: member {} is caught up (its leader confirmed it holds the log up to index {}): it"
                    + " votes again", term, self, index);
        }
    }

    /**
     * A catching-up leader, elected by catching-up members (a new cluster), confirms its followers as caught up,
     * after which their answers no longer count for it; it joins them once they and it form a majority, and from
     * then on counts them and confirms the rest as any leader does.
     */
    private void maybeLeaderCaughtUp() {
        int caughtUp = membership().isVoter(self) ? 1 : 0;
        for (Progress pr : progress.values()) {
            if (pr.answered && !pr.answeredCatchingUp && membership().isVoter(pr.memberId)) {
                caughtUp++;
            }
        }
        if (caughtUp < membership().quorum()) {
            return;
        }
        catchingUp = false;
        hardStateDirty = true;
        for (Progress pr : progress.values()) {
            pr.standingSince = reads.context(); // Confirmations for the rest need a round from now on.
        }
        LOG.info("term {}: member {} leads a majority that is caught up: it votes again", term, self);
    }

    /** Whether {@code pr}'s answers count toward this leader's majorities: it stands where this leader does. */
    private boolean counts(Progress pr) {
        return pr.answered && pr.answeredCatchingUp == catchingUp;
    }

    /** Whether this member started without data and has not yet been caught up by a leader. */
    public boolean catchingUp() {
        return catchingUp;
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
        HardState hs = hardStateDirty ? new HardState(term, votedFor, catchingUp) : null;
        hardStateDirty = false;
        return out.build(hs, committed, role, term, leaderId, commitIndex); // Also empties the builder.
    }

    private long applicableIndex() {
        if (bug(InjectedBug.APPLY_BEFORE_COMMIT)) {
            return persistedIndex;
        }
        return Math.min(commitIndex, persistedIndex);
    }

    // ------------------------------------------------------------------ test hooks

    /** Test-only: switches on deliberate mistakes, so that a test can show the simulator catches them. */
    void injectBugs(Set<InjectedBug> bugs) {
        injectedBugs = bugs.isEmpty() ? EnumSet.noneOf(InjectedBug.class) : EnumSet.copyOf(bugs);
    }

    /**
     * How many entries below a snapshot this member takes stay in its log (the cluster's
     * {@code snapshotLogRetention}; small values force snapshot transfers).
     */
    public void entriesKeptAfterSnapshot(long entries) {
        entriesKeptAfterSnapshot = entries;
    }

    private boolean bug(InjectedBug b) {
        return !injectedBugs.isEmpty() && injectedBugs.contains(b);
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
    /**
     * What this leader knows of each other member's replication, for reports; empty unless leading. Times are
     * on the core's clock.
     */
    public List<PeerProgress> peers() {
        if (role != Role.LEADER) {
            return List.of();
        }
        List<PeerProgress> peers = new ArrayList<>(progress.size());
        for (Progress pr : progress.values()) {
            peers.add(new PeerProgress(pr.memberId, membership().isVoter(pr.memberId), pr.match, pr.next,
                    pr.inflightCount(), PeerProgress.Mode.valueOf(pr.mode.name()), pr.lastContactAt,
                    pr.answered && pr.answeredCatchingUp));
        }
        return peers;
    }

    /** The first index still in the log (after compaction). */
    public long firstIndex() {
        return log.firstIndex();
    }

    /** The payload bytes of the entries in the log. */
    public long logPayloadBytes() {
        return log.payloadBytes();
    }

    /** The core's clock: the time of the last {@link #tick}, in milliseconds. */
    public long now() {
        return now;
    }

    public long termAt(long index) {
        return log.term(index);
    }

    // ------------------------------------------------------------------ elections

    private void campaign() {
        if (config.preVote()) {
            becomePreCandidate();
        } else {
            becomeCandidate(false);
        }
    }

    private void becomePreCandidate() {
        role = Role.PRE_CANDIDATE;
        leaderId = 0;
        resetVotes();
        resetElectionTimer();
        LOG.debug("term {}: election timeout, asking for pre-votes", term);
        if (granted() >= membership().quorum()) {
            becomeCandidate(false);
            return;
        }
        for (int peer : otherVoters()) {
            out.send(new VoteRequest(self, peer, term + 1, log.lastIndex(), log.lastTerm(), true, false, catchingUp));
        }
    }

    /** @param transfer the leader handed leadership over: voters must not ignore this election */
    private void becomeCandidate(boolean transfer) {
        role = Role.CANDIDATE;
        term++;
        votedFor = self;
        hardStateDirty = true;
        leaderId = 0;
        resetVotes();
        resetElectionTimer();
        LOG.info("term {}: campaigning{}", term, transfer ? " (leadership transfer)" : "");
        if (granted() >= membership().quorum()) {
            becomeLeader();
            return;
        }
        for (int peer : otherVoters()) {
            // Our own vote must be on disk before anyone can count on it.
            out.sendAfterPersist(new VoteRequest(self, peer, term, log.lastIndex(), log.lastTerm(), false, transfer,
                    catchingUp));
        }
    }

    private List<Integer> otherVoters() {
        List<Integer> voters = new ArrayList<>(membership().voterIds());
        voters.remove((Integer) self);
        return voters;
    }

    private void handleTimeoutNow(TimeoutNow t) {
        if (role != Role.FOLLOWER || leaderId != t.from()) {
            return;
        }
        if (!membership().isVoter(self)) {
            LOG.warn("term {}: leader {} handed leadership to this member, which is not a voter in {}; ignoring it",
                    term, t.from(), membership());
            return;
        }
        LOG.info("term {}: leader {} hands leadership over; campaigning now", term, t.from());
        becomeCandidate(true);
    }

    private void becomeLeader() {
        role = Role.LEADER;
        leaderId = self;
        progress.clear();
        syncProgress();
        transferTarget = 0;
        leaseRevoked = false;
        reads.clear();
        LOG.info("term {}: elected leader", term);
        LogEntry noop = new LogEntry(log.lastIndex() + 1, term, EntryType.NOOP, noopPayload);
        log.append(noop);
        out.persist(log.slice(noop.index(), noop.index(), 1, Long.MAX_VALUE));
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
        transferTarget = 0;
        reads.clear();
        resetElectionTimer();
    }

    /** Tracks every other member (voters and learners) while leading; forgets removed ones. */
    private void syncProgress() {
        ClusterMembership m = membership();
        progress.keySet().removeIf(id -> !m.contains(id));
        for (int id : m.seats().keySet()) {
            if (id != self && !progress.containsKey(id)) {
                Progress pr = new Progress(id, log.lastIndex() + 1, config.maxInflight());
                pr.recentlyActive = true;
                progress.put(id, pr);
            }
        }
    }

    /** The membership in effect changed (appended, truncated, or replaced by a snapshot). */
    private void membershipChanged() {
        ClusterMembership m = membership();
        boolean voter = m.isVoter(self);
        if (voter != wasVoter) {
            LOG.info("member {} {} a voter in membership {}{}", self, voter ? "is now" : "is no longer", m,
                    voter ? "" : "; it will not campaign");
            wasVoter = voter;
        }
        if (role == Role.LEADER) {
            syncProgress();
            if (!voter) {
                LOG.info("term {}: this leader is leaving the cluster; it steps down once {} is committed", term, m);
            }
        }
    }

    private void resetVotes() {
        votes.clear();
        if (membership().isVoter(self)) {
            votes.put(self, true);
        }
    }

    private int granted() {
        int n = 0;
        for (boolean g : votes.values()) {
            if (g) {
                n++;
            }
        }
        return n;
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
        return (leaderId != 0 && now - lastLeaderContact < config.electionTimeout()) || now < restartQuietUntil;
    }

    private void handleVote(VoteRequest v) {
        boolean upToDate = v.lastLogTerm() > log.lastTerm()
                || (v.lastLogTerm() == log.lastTerm() && v.lastLogIndex() >= log.lastIndex());
        if (v.catchingUp() != catchingUp && !bug(InjectedBug.CATCHING_UP_VOTES_FREELY)) {
            // A member that started without data may have lost entries it acknowledged: its vote could elect a
            // candidate lacking them, and its own log may lack them. So members that are catching up elect only
            // among themselves (a new cluster, whose members all start so), and the others only among themselves.
            upToDate = false;
            if (catchUpRefusalLogged != v.term()) {
                catchUpRefusalLogged = v.term();
                LOG.info("term {}: not voting for member {}: {} caught up by a leader since it started without"
                        + " data, and {}", v.term(), v.from(), catchingUp ? "this member has not been" : "it has not been",
                        catchingUp ? "votes only for members in the same situation until then"
                                : "only members in the same situation may vote for it");
            }
        }
        if (v.preVote()) {
            // Granting a pre-vote changes nothing here, so the answer can leave at once.
            boolean grant = v.term() > term && upToDate;
            out.send(new VoteResponse(self, v.from(), grant ? v.term() : term, grant, true));
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
        VoteResponse answer = new VoteResponse(self, v.from(), term, grant, false);
        if (bug(InjectedBug.VOTE_BEFORE_PERSIST)) {
            out.send(answer);
        } else {
            out.sendAfterPersist(answer);
        }
    }

    private void handleVoteResponse(VoteResponse r) {
        boolean counting = r.preVote()
                ? role == Role.PRE_CANDIDATE && r.term() == term + 1 || role == Role.PRE_CANDIDATE && !r.granted()
                : role == Role.CANDIDATE && r.term() == term;
        if (!counting || !membership().isVoter(r.from()) || votes.containsKey(r.from())) {
            return;
        }
        votes.put(r.from(), r.granted());
        int quorum = membership().quorum();
        if (granted() >= quorum) {
            if (r.preVote()) {
                becomeCandidate(false);
            } else {
                becomeLeader();
            }
        } else if (votes.size() - granted() >= quorum) {
            becomeFollower(term, 0);
        }
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
            out.sendAfterPersist(new AppendResponse(self, a.from(), term, false, a.prevLogIndex(), hintIndex, hintTerm,
                    a.readContext(), catchingUp));
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
                if (memberships.truncatedFrom(e.index())) {
                    membershipChanged();
                }
                out.truncated(e.index());
                persistedIndex = Math.min(persistedIndex, e.index() - 1);
                appendFrom(entries, i);
                break;
            }
        }
        if (bug(InjectedBug.TRUNCATE_ON_STALE_APPEND) && lastNew < log.lastIndex() && lastNew >= commitIndex) {
            log.truncateFrom(lastNew + 1);
            out.truncated(lastNew + 1);
            out.keepEntriesUpTo(lastNew);
            persistedIndex = Math.min(persistedIndex, lastNew);
        }
        long newCommit = Math.min(a.leaderCommit(), lastNew);
        if (newCommit > commitIndex) {
            commitIndex = newCommit;
        }
        if (catchingUp && a.catchUpConfirmed() > catchUpIndex && a.catchUpConfirmed() <= lastNew) {
            catchUpIndex = a.catchUpConfirmed();
            maybeFinishCatchingUp();
        }
        out.sendAfterPersist(new AppendResponse(self, a.from(), term, true, Math.max(lastNew, committedBefore), 0, 0,
                a.readContext(), catchingUp));
    }

    private void appendFrom(List<LogEntry> entries, int from) {
        long first = log.lastIndex() + 1;
        log.appendAll(from == 0 ? entries : entries.subList(from, entries.size()));
        List<LogEntry> fresh = log.slice(first, log.lastIndex(), Integer.MAX_VALUE, Long.MAX_VALUE);
        out.persist(fresh);
        boolean changed = false;
        for (int i = 0; i < fresh.size(); i++) {
            changed |= memberships.appended(fresh.get(i));
        }
        if (changed) {
            membershipChanged();
        }
    }

    private void handleSnapshotChunk(InstallSnapshot c) {
        if (!acceptLeader(c.from())) {
            return;
        }
        if (c.index() <= commitIndex) {
            // Our committed log already covers it, so our log matches the leader's up to its index.
            out.send(new InstallSnapshotResponse(self, c.from(), term, c.index(), c.totalSize(), true));
            return;
        }
        out.snapshotChunk(c);
    }

    /**
     * The progress of the follower {@code from}, which just answered this leader: it is active and was heard from
     * now. Null when this member does not lead or does not track {@code from} (the answer is then ignored).
     */
    private Progress answerFrom(int from) {
        if (role != Role.LEADER) {
            return null;
        }
        Progress pr = progress.get(from);
        if (pr != null) {
            pr.recentlyActive = true;
            pr.lastContactAt = now;
        }
        return pr;
    }

    private void handleSnapshotResponse(InstallSnapshotResponse r) {
        Progress pr = answerFrom(r.from());
        if (pr == null) {
            return;
        }
        out.snapshotAck(r);
        if (pr.mode != Progress.Mode.SNAPSHOT) {
            return;
        }
        pr.snapshotProgressAt = now;
        if (r.installed()) {
            if (r.index() > pr.match) {
                pr.match = r.index();
                pr.matchContext = reads.context();
            }
            pr.becomeProbe();
            maybeCommit();
            if (role == Role.LEADER) {
                sendAppends(pr);
            }
        }
    }

    // ------------------------------------------------------------------ replication: leader side

    private void handleAppendResponse(AppendResponse r) {
        Progress pr = answerFrom(r.from());
        if (pr == null) {
            return;
        }
        if (pr.answered(r.catchingUp(), reads.context()) && catchingUp && !r.catchingUp()) {
            maybeLeaderCaughtUp();
        }
        if (r.readContext() > pr.ackedContext) {
            pr.ackedContext = r.readContext();
            if (reads.roundInFlight()) {
                confirmReads();
            }
        }
        if (pr.mode == Progress.Mode.SNAPSHOT) {
            return; // Only the snapshot's installation moves this follower on.
        }
        if (r.success()) {
            pr.freeInflightTo(r.index());
            if (r.index() > pr.match) {
                pr.match = r.index();
                pr.matchContext = reads.context();
                if (pr.mode == Progress.Mode.PROBE) {
                    pr.becomeReplicate();
                } else if (pr.next <= pr.match) {
                    pr.next = pr.match + 1;
                }
                maybeCommit();
                if (role != Role.LEADER) {
                    return; // It committed its own removal and stepped down.
                }
                if (maybeSendTimeoutNow(pr)) {
                    return;
                }
                maybePromoteLearner();
            } else if (pr.mode == Progress.Mode.PROBE && r.index() == pr.match) {
                // The probe found the follower's log matching ours at its match: stream from here. (Probing
                // again would answer every acknowledgement with a new probe: a ping-pong that never stops
                // while nothing new is appended, and multiplies when the network duplicates messages.)
                pr.becomeReplicate();
            } else if (pr.mode == Progress.Mode.PROBE) {
                pr.probeSent = false;
            }
            sendAppends(pr);
            return;
        }
        long nextBefore = pr.next;
        if (r.index() == pr.match && pr.match > 0 && r.readContext() > pr.matchContext
                && !bug(InjectedBug.KEEP_MATCH_OF_DAMAGED_FOLLOWER)) {
            // It rejects the very entry it acknowledged as matching, in answer to a request sent in a read context
            // that began after the acknowledgement arrived (heartbeats and probes go there then): it lost entries
            // since, to disk damage, a restored backup or an emptied directory. (A rejection of an earlier request
            // may have been overtaken by the acknowledgement: the next heartbeat asks again.) Forget what it
            // acknowledged and find where its log matches ours again.
            LOG.warn("term {}: member {} no longer holds entry {} that it acknowledged (its log now ends at {}):"
                    + " it lost entries; repairing it from this leader's log", term, pr.memberId, pr.match,
                    r.hintTerm() == 0 ? r.hintIndex() - 1 : "an entry of term " + r.hintTerm() + " at " + r.index());
            pr.match = 0;
            pr.becomeProbe();
        } else if (pr.mode == Progress.Mode.REPLICATE) {
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
        if (pr.next == nextBefore && pr.next > log.firstIndex() - 1 && log.term(pr.next - 1) >= 0) {
            // The same probe would go again (the hint cannot take it below match + 1). Sent now, each rejection
            // would bring another probe and each heartbeat one more such chain, each probe carrying entries:
            // the next heartbeat probes again.
            return;
        }
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
            out.send(new AppendRequest(self, pr.memberId, term, prev, log.term(prev), commitIndex, entries,
                    reads.context(), catchUpConfirmedFor(pr)));
            pr.next = last + 1;
            pr.addInflight(last);
        }
    }

    private void startSnapshot(Progress pr) {
        pr.becomeSnapshot(snapshotIndex, now);
        out.snapshotTarget(new SnapshotTarget(pr.memberId, snapshotIndex, snapshotTerm));
    }

    private void sendProbe(Progress pr) {
        long prev = pr.next - 1;
        if (log.term(prev) < 0) {
            startSnapshot(pr);
            return;
        }
        // A probe still unanswered (a heartbeat resends it) goes without entries: a follower that does not answer,
        // or keeps rejecting, then costs a small message per heartbeat, not a full one.
        List<LogEntry> entries = pr.probeSent ? List.of() : log.slice(pr.next, log.lastIndex(),
                config.maxEntriesPerMessage(), config.maxBytesPerMessage());
        out.send(new AppendRequest(self, pr.memberId, term, prev, log.term(prev), commitIndex, entries,
                reads.context(), catchUpConfirmedFor(pr)));
        pr.probeSent = true;
    }

    private void heartbeat() {
        for (Progress pr : progress.values()) {
            if (pr.mode == Progress.Mode.SNAPSHOT) {
                if (now - pr.snapshotProgressAt > 4 * config.electionTimeout()) {
                    startSnapshot(pr); // The transfer stalled: start it again (the follower resumes it).
                }
                sendEmptyAppend(pr);
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
                sendEmptyAppend(pr);
            } else {
                sendProbe(pr);
            }
            pr.oldestInflightAtHeartbeat = pr.oldestInflight();
        }
        if (transferTarget != 0) {
            maybeSendTimeoutNow(progress.get(transferTarget)); // In case the last one was lost.
        }
    }

    /** A heartbeat at the follower's match index (which it holds), carrying the current read context. */
    private void sendEmptyAppend(Progress pr) {
        if (log.term(pr.match) < 0) {
            return;
        }
        long commit = pr.mode == Progress.Mode.SNAPSHOT ? Math.min(commitIndex, pr.match) : commitIndex;
        out.send(new AppendRequest(self, pr.memberId, term, pr.match, log.term(pr.match), commit, List.of(),
                reads.context(), catchUpConfirmedFor(pr)));
    }

    /**
     * For a follower whose answers say it is catching up: an index it holds up to which this leader's log ran when
     * a read round began that a majority in this leader's standing then answered, a round that began after the
     * follower's acknowledgements stopped counting here (so no commit can rest on acknowledgements it gave before
     * it lost its data); or 0. This leader still led after that round began, so its log then held every entry
     * committed so far (Leader Completeness; the ReadIndex argument of thesis §6.4), whether or not it knew them
     * committed yet. See {@link AppendRequest#catchUpConfirmed()}.
     */
    private long catchUpConfirmedFor(Progress pr) {
        // A catching-up leader (of a new cluster) confirms its catching-up followers the same way, by a majority
        // of catching-up members, whose acknowledgements it counts.
        if (!pr.answered || !pr.answeredCatchingUp || pr.match == 0) {
            return 0;
        }
        // Every round up to the majority's latest is confirmed; take the latest that began after its
        // acknowledgements stopped counting and whose log it already holds (it may lag behind).
        long oldest = (catchingUp ? 0 : pr.standingSince) + 1;
        for (long c = majorityContext(); c >= oldest; c--) {
            long last = reads.lastIndexAt(c);
            if (last < 0) {
                return 0; // Too old to remember.
            }
            if (last <= pr.match) {
                return last > 0 && log.term(last) == term ? last : 0;
            }
        }
        return 0;
    }

    /** Tells the transfer target to campaign once its log matches ours; returns whether it did. */
    private boolean maybeSendTimeoutNow(Progress pr) {
        if (pr == null || pr.memberId != transferTarget || pr.match != log.lastIndex()) {
            return false;
        }
        out.send(new TimeoutNow(self, pr.memberId, term));
        leaseRevoked = true;
        return true;
    }

    /** The voter whose log matches ours furthest, or {@code 0} if this leader is the only voter. */
    private int mostUpToDateVoter() {
        int best = 0;
        long bestMatch = -1;
        for (Progress pr : progress.values()) {
            if (membership().isVoter(pr.memberId) && pr.match > bestMatch) {
                best = pr.memberId;
                bestMatch = pr.match;
            }
        }
        return best;
    }

    private boolean committedInTerm() {
        return log.term(commitIndex) == term;
    }

    // ------------------------------------------------------------------ reads

    private void maybeStartReadRound() {
        if (role != Role.LEADER || !reads.canStartRound() || !committedInTerm()) {
            return;
        }
        reads.startRound(commitIndex, log.lastIndex(), now);
        if (!confirmReads()) {
            for (Progress pr : progress.values()) {
                if (membership().isVoter(pr.memberId)) {
                    sendEmptyAppend(pr);
                }
            }
        }
    }

    /** Hands over the reads a majority confirmed, and starts the next round; returns whether any were. */
    private boolean confirmReads() {
        List<ReadState> confirmed = reads.confirm(majorityContext());
        if (confirmed.isEmpty()) {
            return false;
        }
        out.readStates(confirmed);
        maybeStartReadRound();
        return true;
    }

    /** The highest read context a majority of voters has reached (this leader counts with its own). */
    private long majorityContext() {
        Voters v = voters();
        int n = 0;
        long[] contexts = scratch(v.count());
        for (int id : v.ids()) {
            if (id == self) {
                contexts[n++] = reads.context();
            } else {
                Progress pr = progress.get(id);
                contexts[n++] = pr == null || !counts(pr) ? 0 : pr.ackedContext;
            }
        }
        return kthHighest(contexts, n, v.quorum());
    }

    private long[] scratch(int size) {
        if (matchScratch.length < size) {
            matchScratch = new long[Math.max(size, matchScratch.length * 2)];
        }
        return matchScratch;
    }

    /** The {@code k}-th highest of the first {@code n} values (sorting them), or 0 if there are fewer. */
    private static long kthHighest(long[] values, int n, int k) {
        if (n < k || k <= 0) {
            return 0;
        }
        Arrays.sort(values, 0, n);
        return values[n - k];
    }

    // ------------------------------------------------------------------ membership

    /** Promotes one joining learner that has caught up, when no other change is in progress. */
    private void maybePromoteLearner() {
        if (role != Role.LEADER || !voters().anyJoining() || transferTarget != 0 || !committedInTerm()
                || memberships.current().index() > commitIndex) {
            return;
        }
        ClusterMembership m = membership();
        for (ClusterMembership.Seat seat : m.seats().values()) {
            if (seat.kind() != ClusterMembership.Kind.JOINING) {
                continue;
            }
            Progress pr = progress.get(seat.member().id());
            // Promoted only once its answers count here: a voter still catching up (confirmed a round later)
            // would leave the cluster one failure short until then.
            if (pr != null && pr.mode == Progress.Mode.REPLICATE && counts(pr)
                    && pr.match + config.maxEntriesPerMessage() >= log.lastIndex()) {
                LOG.info("term {}: member {} has caught up (match {} of {}); promoting it to voter", term,
                        seat.member().id(), pr.match, log.lastIndex());
                proposeMembership(m.with(seat.member(), ClusterMembership.Kind.VOTER));
                return;
            }
        }
    }

    private boolean quorumActive() {
        ClusterMembership m = membership();
        int active = m.isVoter(self) ? 1 : 0;
        for (Progress pr : progress.values()) {
            if (pr.recentlyActive && counts(pr) && m.isVoter(pr.memberId)) {
                active++;
            }
            pr.recentlyActive = false;
        }
        return active >= m.quorum();
    }

    private void maybeCommit() {
        Voters v = voters();
        long[] matches = scratch(v.count());
        int n = 0;
        for (int id : v.ids()) {
            if (id == self) {
                matches[n++] = persistedIndex;
            } else {
                Progress pr = progress.get(id);
                matches[n++] = pr == null || !counts(pr) ? 0 : pr.match;
            }
        }
        long candidate = kthHighest(matches, n, v.quorum());
        // Only an entry of the current term is committed by counting (Raft §5.4.2, Figure 8).
        if (candidate > commitIndex && (log.term(candidate) == term || bug(InjectedBug.COMMIT_PREVIOUS_TERM_BY_COUNTING))) {
            commitIndex = candidate;
            if (catchingUp && log.term(commitIndex) == term) {
                maybeLeaderCaughtUp();
            }
            committed();
        }
    }

    /** The leader's commit index advanced. */
    private void committed() {
        if (!membership().isVoter(self) && memberships.current().index() <= commitIndex) {
            // Thesis §4.2.2: a leader that removed itself leads until the removal commits, then steps down; it
            // hands over at once so that the cluster does not wait an election timeout.
            int next = mostUpToDateVoter();
            LOG.info("term {}: the membership {} without this leader is committed; stepping down{}", term,
                    membership(), next == 0 ? "" : " in favour of member " + next);
            if (next != 0) {
                out.send(new TimeoutNow(self, next, term));
            }
            becomeFollower(term, 0);
            return;
        }
        maybeStartReadRound(); // Reads wait for the first commit of the term.
        maybePromoteLearner();
    }

    @Override
    public String toString() {
        return "RaftCore[" + self + " " + role + " term=" + term + " leader=" + leaderId + " last=" + log.lastIndex()
                + " commit=" + commitIndex + " persisted=" + persistedIndex + "]";
    }
}
