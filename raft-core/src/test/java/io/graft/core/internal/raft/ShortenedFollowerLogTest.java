package io.graft.core.internal.raft;

import static org.assertj.core.api.Assertions.assertThat;

import io.graft.api.Role;
import io.graft.core.internal.protocol.AppendRequest;
import io.graft.core.internal.protocol.AppendResponse;
import io.graft.core.internal.protocol.Message;
import io.graft.core.internal.protocol.VoteResponse;
import io.graft.core.storage.StoredState;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What a leader sends a follower that restarted with a shorter log than the leader knew it had (it rejects the
 * index it had acknowledged) stays bounded, and the follower is repaired. The leader probed again on every rejection that left
 * its next index where it was, and every heartbeat started one more probe, so one more probe-and-rejection chain
 * circled between the two each heartbeat, each probe carrying up to a message's worth of entries. On a real
 * network those piled up in the transport's queues and ZeroMQ's pipe to that follower until the heap gave out.
 */
class ShortenedFollowerLogTest {
    private static final int ENTRIES = 20;
    private static final long FOLLOWER_LAST_INDEX_AFTER_RESTART = 5;

    @Test
    void aFollowerThatRejectsAtItsOldMatchIsRepairedWithBoundedTraffic() {
        RaftCore leader = leaderWithBothFollowersMatchingEverything();

        // New commands go out to both followers at once (member 3 is streamed to, in replicate mode).
        leader.propose(List.of(new byte[] {1}, new byte[] {2}));
        List<AppendRequest> inFlight = appendsTo(3, leader.ready().messages()); // answered one heartbeat later
        assertThat(inFlight).isNotEmpty();
        long followerLast = FOLLOWER_LAST_INDEX_AFTER_RESTART; // member 3 restarted holding entries up to 5 only
        List<Integer> sentPerHeartbeat = new ArrayList<>();
        List<Integer> entriesPerHeartbeat = new ArrayList<>();
        for (int heartbeat = 0; heartbeat < 30; heartbeat++) {
            leader.tick(leader.nextDeadline());
            leader.step(new AppendResponse(2, 1, leader.term(), true, leader.lastIndex(), 0, 0));
            List<AppendRequest> sent = new ArrayList<>();
            // Member 3 answers what it got, as a real follower would, and whatever that brings, in turn.
            while (!inFlight.isEmpty()) {
                for (AppendRequest a : inFlight) {
                    if (a.prevLogIndex() > followerLast) {
                        leader.step(new AppendResponse(3, 1, leader.term(), false, a.prevLogIndex(), followerLast + 1, 0,
                                a.readContext()));
                    } else {
                        followerLast = Math.max(followerLast, a.prevLogIndex() + a.entries().size());
                        leader.step(new AppendResponse(3, 1, leader.term(), true, a.prevLogIndex() + a.entries().size(),
                                0, 0, a.readContext()));
                    }
                }
                inFlight = leader.hasReady() ? appendsTo(3, leader.ready().messages()) : List.of();
                sent.addAll(inFlight);
                assertThat(sent.size()).as("requests to member 3 within one heartbeat").isLessThan(20);
            }
            sentPerHeartbeat.add(sent.size());
            entriesPerHeartbeat.add(sent.stream().mapToInt(r -> r.entries().size()).sum());
            assertThat(leader.role()).isEqualTo(Role.LEADER);
            leader.tick(leader.nextDeadline());
            inFlight = leader.hasReady() ? appendsTo(3, leader.ready().messages()) : List.of();
        }
        assertThat(followerLast).as("member 3 repaired").isEqualTo(leader.lastIndex());
        // Once repaired, heartbeats carry no entries.
        assertThat(entriesPerHeartbeat.subList(5, entriesPerHeartbeat.size()))
                .as("entries sent to member 3 per heartbeat: %s", entriesPerHeartbeat).containsOnly(0);
    }

    @Test
    void aFollowerThatNeverAnswersGetsItsProbeResentWithoutEntries() {
        RaftCore leader = leaderWithBothFollowersMatchingEverything();
        leader.propose(List.of(new byte[] {1}, new byte[] {2}));
        leader.ready();
        List<Integer> entriesPerHeartbeat = new ArrayList<>();
        for (int heartbeat = 0; heartbeat < 10; heartbeat++) {
            leader.tick(leader.nextDeadline());
            leader.step(new AppendResponse(2, 1, leader.term(), true, leader.lastIndex(), 0, 0));
            List<AppendRequest> sent = leader.hasReady() ? appendsTo(3, leader.ready().messages()) : List.of();
            assertThat(sent).hasSizeLessThanOrEqualTo(1);
            entriesPerHeartbeat.add(sent.stream().mapToInt(r -> r.entries().size()).sum());
        }
        // The streamed entries time out into a probe with entries; every resend of that probe is empty.
        assertThat(entriesPerHeartbeat.stream().filter(n -> n > 0).count())
                .as("entries sent to member 3 per heartbeat: %s", entriesPerHeartbeat).isLessThanOrEqualTo(1);
    }

    /** Member 1 leads three in term 1, with its no-op and 20 commands acknowledged by both followers. */
    private static RaftCore leaderWithBothFollowersMatchingEverything() {
        RaftCore c = Fixtures.core(1, 3, StoredState.EMPTY, false, true);
        c.tick(c.nextDeadline());
        c.ready();
        c.step(new VoteResponse(2, 1, 1, true, false));
        assertThat(c.role()).isEqualTo(Role.LEADER);
        List<byte[]> payloads = new ArrayList<>();
        for (int i = 0; i < ENTRIES; i++) {
            payloads.add(new byte[] {(byte) i});
        }
        c.propose(payloads);
        c.ready();
        c.persisted(c.lastIndex(), 1);
        c.step(new AppendResponse(2, 1, 1, true, c.lastIndex(), 0, 0));
        c.step(new AppendResponse(3, 1, 1, true, c.lastIndex(), 0, 0));
        assertThat(c.commitIndex()).isEqualTo(ENTRIES + 1);
        c.ready();
        return c;
    }

    private static List<AppendRequest> appendsTo(int member, List<Message> messages) {
        return Fixtures.ofType(messages, AppendRequest.class).stream().filter(a -> a.to() == member).toList();
    }
}
