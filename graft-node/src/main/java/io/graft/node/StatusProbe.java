package io.graft.node;

import io.graft.api.config.ClusterConfig;
import io.graft.api.config.Member;
import io.graft.api.transport.ClientTransport;
import io.graft.core.internal.client.ClientFrames;
import io.graft.core.internal.client.ClientRequest;
import io.graft.core.internal.client.ClientResponse;
import io.graft.api.MalformedMessageException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Asks every member at once to run one read command, and records who answers how. The client protocol has no
 * status request, so the probe is an ordinary client request sent to each member directly (not through
 * {@link io.graft.core.client.GraftClient}, which hides who answered): a follower answers at once that it is
 * not the leader, naming the leader it knows; the leader commits the read through the log and answers with
 * its result. The read changes nothing, so a probe leaves the state machine as it was (only the leader's
 * session table gains an entry, which expires like any idle session).
 */
final class StatusProbe {
    /** Unanswered requests are sent again this often, as transports may drop frames while connecting. */
    private static final long RESEND_MILLIS = 250;

    private StatusProbe() {
    }

    /**
     * Probes every member of {@code cluster} through {@code transport} (started here, closed by the caller)
     * and waits up to {@code timeout} for all answers.
     *
     * @param command the encoded read command each member is asked to run
     * @return one answer per member, in id order
     */
    static List<MemberAnswer> probe(ClusterConfig cluster, ClientTransport transport, byte[] command,
                                    Duration timeout) throws InterruptedException {
        SecureRandom random = new SecureRandom();
        Map<Integer, Long> sessionOf = new HashMap<>();
        Map<Integer, byte[]> requestTo = new HashMap<>();
        for (int id : cluster.memberIds()) {
            long session = random.nextLong() | 1L; // One fresh session per member: each answer is unambiguous.
            sessionOf.put(id, session);
            requestTo.put(id, ClientFrames.encode(new ClientRequest(session, 1, 0, command)));
        }
        Map<Integer, MemberAnswer> answers = new ConcurrentHashMap<>();
        CountDownLatch allAnswered = new CountDownLatch(sessionOf.size());
        long start = System.nanoTime();
        transport.start(cluster, (from, frame) -> {
            ClientResponse r;
            try {
                r = ClientFrames.decodeResponse(frame);
            } catch (MalformedMessageException e) {
                return;
            }
            Long session = sessionOf.get(from);
            if (session == null || r.sessionId() != session) {
                return;
            }
            MemberAnswer answer = new MemberAnswer(cluster.member(from), Optional.of(r.status()), r.leaderHint(),
                    Duration.ofNanos(System.nanoTime() - start));
            if (answers.putIfAbsent(from, answer) == null) {
                allAnswered.countDown();
            }
        });
        long deadline = start + timeout.toNanos();
        while (true) {
            requestTo.forEach((id, frame) -> {
                if (!answers.containsKey(id)) {
                    transport.send(id, frame); // A retry is safe: same session and sequence, applied once.
                }
            });
            long left = deadline - System.nanoTime();
            if (left <= 0 || allAnswered.await(Math.min(left, TimeUnit.MILLISECONDS.toNanos(RESEND_MILLIS)),
                    TimeUnit.NANOSECONDS)) {
                break;
            }
        }
        List<MemberAnswer> result = new ArrayList<>();
        for (Member m : cluster.members().values()) {
            result.add(answers.getOrDefault(m.id(), new MemberAnswer(m, Optional.empty(), 0, timeout)));
        }
        return result;
    }
}
