package io.graft.node;

import io.graft.api.MalformedMessageException;
import io.graft.api.config.ClusterConfig;
import io.graft.api.config.Member;
import io.graft.api.transport.ClientTransport;
import io.graft.core.internal.client.ClientFrames;
import io.graft.core.internal.client.ClientRequest;
import io.graft.core.internal.client.ClientResponse;
import io.graft.core.internal.client.ClientStatus;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Asks every member at once to run one read command, and reports each member's answer as soon as it is final.
 * The client protocol has no status request, so the probe is an ordinary client request sent to each member
 * directly (not through {@link io.graft.core.client.GraftClient}, which hides who answered): a follower answers at
 * once that it is not the leader, naming the leader it knows; the leader commits the read through the log and
 * answers with its result. The read changes nothing, so a probe leaves the state machine as it was (only the
 * leader's session table gains an entry, which expires like any idle session).
 *
 * <p>An answer is final when it comes from a leader, or from a follower naming a member that answered as leader.
 * Every other member is asked again until then: one that knows no leader yet (an election is under way, or the
 * cluster just started) or names a leader that has not answered (it may have crashed). So the probe waits for an
 * election, up to the timeout. A member that has not answered at all is reported as silent once a leader answered
 * and {@link #silenceGrace} has passed, instead of holding the report back until the timeout. At the timeout,
 * every member not yet reported is reported with its last answer, if any.
 */
final class StatusProbe {
    /** Members not reported yet are asked again this often, as transports may drop frames while connecting. */
    private static final long RESEND_NANOS = TimeUnit.MILLISECONDS.toNanos(250);
    /** The shortest time a member may stay silent before it is reported as not answering. */
    static final Duration MIN_SILENCE_GRACE = Duration.ofSeconds(1);

    private final ClusterConfig cluster;
    private final Consumer<MemberAnswer> report;
    private final long start = System.nanoTime();
    private final Map<Integer, byte[]> requestTo = new HashMap<>();
    private final Map<Integer, Long> sessionOf = new HashMap<>();
    private final BlockingQueue<MemberAnswer> incoming = new LinkedBlockingQueue<>();
    private final Map<Integer, MemberAnswer> latest = new HashMap<>();
    private final Map<Integer, MemberAnswer> reported = new LinkedHashMap<>();
    private final Set<Integer> leaders = new HashSet<>();

    private StatusProbe(ClusterConfig cluster, byte[] command, Consumer<MemberAnswer> report) {
        this.cluster = cluster;
        this.report = report;
        SecureRandom random = new SecureRandom();
        for (int id : cluster.memberIds()) {
            long session = random.nextLong() | 1L; // One fresh session per member: each answer is unambiguous.
            sessionOf.put(id, session);
            requestTo.put(id, ClientFrames.encode(new ClientRequest(session, 1, 0, command)));
        }
    }

    /**
     * How long a member may stay silent, once a leader answered, before it is reported as not answering: two
     * election timeouts, at least {@link #MIN_SILENCE_GRACE}, at most {@code timeout}.
     */
    static Duration silenceGrace(ClusterConfig cluster, Duration timeout) {
        Duration grace = cluster.electionTimeout().multipliedBy(2);
        if (grace.compareTo(MIN_SILENCE_GRACE) < 0) {
            grace = MIN_SILENCE_GRACE;
        }
        return grace.compareTo(timeout) < 0 ? grace : timeout;
    }

    /**
     * Probes every member of {@code cluster} through {@code transport} (started here, closed by the caller) for
     * up to {@code timeout}, handing each member's final answer to {@code report} as soon as it is known (on the
     * calling thread).
     *
     * @param command the encoded read command each member is asked to run
     * @return one answer per member, in the order they were reported
     */
    static List<MemberAnswer> probe(ClusterConfig cluster, ClientTransport transport, byte[] command,
                                    Duration timeout, Consumer<MemberAnswer> report) throws InterruptedException {
        StatusProbe probe = new StatusProbe(cluster, command, report);
        transport.start(cluster, probe::received);
        probe.run(transport, timeout);
        return new ArrayList<>(probe.reported.values());
    }

    /** Called by the transport: records a response from {@code from}, if it answers this probe's request. */
    private void received(int from, ByteBuffer frame) {
        ClientResponse r;
        try {
            r = ClientFrames.decodeResponse(frame);
        } catch (MalformedMessageException e) {
            return;
        }
        Long session = sessionOf.get(from);
        if (session != null && r.sessionId() == session) {
            incoming.add(new MemberAnswer(cluster.member(from), Optional.of(r.status()), r.leaderHint(),
                    Duration.ofNanos(System.nanoTime() - start)));
        }
    }

    private void run(ClientTransport transport, Duration timeout) throws InterruptedException {
        long deadline = start + timeout.toNanos();
        long silenceDeadline = start + silenceGrace(cluster, timeout).toNanos();
        long nextSend = start;
        while (reported.size() < cluster.members().size()) {
            long now = System.nanoTime();
            if (now - deadline >= 0) {
                break;
            }
            if (now - nextSend >= 0) {
                requestTo.forEach((id, frame) -> {
                    if (!reported.containsKey(id)) {
                        transport.send(id, frame); // A retry is safe: same session and sequence, applied once.
                    }
                });
                nextSend = now + RESEND_NANOS;
            }
            long wakeUp = Math.min(nextSend, deadline);
            if (!leaders.isEmpty() && silenceDeadline - now > 0) {
                wakeUp = Math.min(wakeUp, silenceDeadline);
            }
            MemberAnswer answer = incoming.poll(Math.max(0, wakeUp - now), TimeUnit.NANOSECONDS);
            for (; answer != null; answer = incoming.poll()) {
                record(answer);
            }
            reportFinal();
            if (!leaders.isEmpty() && System.nanoTime() - silenceDeadline >= 0) {
                reportSilent(silenceGrace(cluster, timeout));
            }
        }
        for (Member m : cluster.members().values()) {
            if (!reported.containsKey(m.id())) {
                report(latest.getOrDefault(m.id(), MemberAnswer.silent(m, timeout)));
            }
        }
    }

    private void record(MemberAnswer answer) {
        int id = answer.member().id();
        if (reported.containsKey(id)) {
            return;
        }
        latest.put(id, answer);
        if (answer.leads()) {
            leaders.add(id);
        }
    }

    /** Reports the leaders' answers, and the followers' that name one of them. */
    private void reportFinal() {
        for (Member m : cluster.members().values()) {
            MemberAnswer answer = latest.get(m.id());
            if (answer != null && !reported.containsKey(m.id()) && (answer.leads()
                    || answer.status().get() == ClientStatus.NOT_LEADER && leaders.contains(answer.leaderHint()))) {
                report(answer);
            }
        }
    }

    /** Reports the members that never answered as silent for {@code grace}. */
    private void reportSilent(Duration grace) {
        for (Member m : cluster.members().values()) {
            if (!latest.containsKey(m.id()) && !reported.containsKey(m.id())) {
                report(MemberAnswer.silent(m, grace));
            }
        }
    }

    private void report(MemberAnswer answer) {
        reported.put(answer.member().id(), answer);
        report.accept(answer);
    }
}
