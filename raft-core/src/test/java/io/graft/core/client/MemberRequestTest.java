package io.graft.core.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.graft.api.Membership;
import io.graft.api.RaftClient;
import io.graft.api.RaftException;
import io.graft.api.Role;
import io.graft.api.config.ClusterConfig;
import io.graft.api.report.MemberReport;
import io.graft.api.transport.ClientInbox;
import io.graft.api.transport.ClientTransport;
import io.graft.core.codec.BuiltinCodecs;
import io.graft.core.internal.client.AdminOperation;
import io.graft.core.internal.client.AdminRequest;
import io.graft.core.internal.client.ClientFrames;
import io.graft.core.internal.client.ClientResponse;
import io.graft.core.internal.client.ClientStatus;
import io.graft.core.internal.client.IndexBody;
import io.graft.core.internal.client.MembershipBody;
import io.graft.core.internal.client.ReportBody;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * A member's report and snapshot go to that member alone: resent to it, never redirected, never taken as a sign
 * of who leads, and timed out as requests that change nothing.
 */
class MemberRequestTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final ClusterConfig CLUSTER = ClusterConfig.builder().member(1, "a", 7401).member(2, "b", 7402)
            .member(3, "c", 7403).electionTimeout(Duration.ofMillis(50)).build();

    /** Members that answer admin requests as a test says (or not at all: an empty answer), recording each. */
    static final class Scripted implements ClientTransport {
        record Sent(int memberId, AdminRequest request) {
        }

        final List<Sent> sent = new CopyOnWriteArrayList<>();
        private final Function<Sent, Optional<ClientResponse>> answer;
        private volatile ClientInbox inbox;

        Scripted(Function<Sent, Optional<ClientResponse>> answer) {
            this.answer = answer;
        }

        @Override
        public void start(ClusterConfig cluster, ClientInbox inbox) {
            this.inbox = inbox;
        }

        @Override
        public void send(int memberId, byte[] frame) {
            Sent s = new Sent(memberId, (AdminRequest) ClientFrames.decodeMessage(ByteBuffer.wrap(frame)));
            sent.add(s);
            answer.apply(s).ifPresent(r -> inbox.deliver(memberId, ByteBuffer.wrap(ClientFrames.encode(r))));
        }

        @Override
        public void close() {
        }

        List<Integer> targets() {
            return sent.stream().map(Sent::memberId).toList();
        }
    }

    private static ClientResponse reply(Scripted.Sent s, ClientStatus status, int hint, byte[] body) {
        return new ClientResponse(s.request().sessionId(), s.request().requestId(), status, hint, body);
    }

    private static RaftClient<byte[], byte[]> client(Scripted transport, Duration timeout) {
        return GraftClient.builder(CLUSTER, BuiltinCodecs.bytes(), BuiltinCodecs.bytes()).transport(transport)
                .requestTimeout(timeout).retryAfter(Duration.ofMillis(50)).build();
    }

    static MemberReport followerReport(int id, int leader) {
        return new MemberReport(id, "test", Role.FOLLOWER, 3, OptionalInt.of(leader), false, 10, 10, 1, 10, 100, 0,
                0, 0, 0, new Membership(0, CLUSTER.members(), new TreeMap<>()), List.of(),
                Duration.ofSeconds(5), Optional.empty());
    }

    @Test
    void aReportComesFromTheMemberNamedAndLeavesTheLeaderGuessAlone() {
        Scripted transport = new Scripted(s -> Optional.of(s.request().operation() == AdminOperation.REPORT
                ? reply(s, ClientStatus.OK, 0, ReportBody.encode(followerReport(s.memberId(), 3)))
                : reply(s, ClientStatus.OK, 0, MembershipBody.encode(
                        new Membership(0, CLUSTER.members(), new TreeMap<>())))));
        try (RaftClient<byte[], byte[]> client = client(transport, WAIT)) {
            assertThat(client.admin().report(2)).succeedsWithin(WAIT).isEqualTo(followerReport(2, 3));
            assertThat(transport.sent).singleElement().satisfies(s -> {
                assertThat(s.memberId()).isEqualTo(2);
                assertThat(s.request().memberId()).as("the member the request names").isEqualTo(2);
            });

            // Member 2 answered, but not as leader: a request for the leader still starts with the first member.
            assertThat(client.admin().membership()).succeedsWithin(WAIT);
            assertThat(transport.targets()).containsExactly(2, 1);
        }
    }

    @Test
    void aSnapshotAnswersItsIndex() {
        Scripted transport = new Scripted(s -> Optional.of(reply(s, ClientStatus.OK, 0, IndexBody.encode(42))));
        try (RaftClient<byte[], byte[]> client = client(transport, WAIT)) {
            assertThat(client.admin().takeSnapshot(3)).succeedsWithin(WAIT).isEqualTo(42L);
            assertThat(transport.targets()).containsExactly(3);
            assertThat(transport.sent.get(0).request().operation()).isEqualTo(AdminOperation.SNAPSHOT);
        }
    }

    @Test
    void aMemberThatDoesNotAnswerIsAskedAgainAloneThenTimesOutNamingIt() {
        Scripted transport = new Scripted(s -> Optional.empty());
        try (RaftClient<byte[], byte[]> client = client(transport, Duration.ofMillis(500))) {
            assertThat(client.admin().report(2)).failsWithin(WAIT).withThrowableOfType(ExecutionException.class)
                    .withCauseInstanceOf(TimeoutException.class)
                    .withMessageContaining("member 2 did not answer member 2's report")
                    .withMessageContaining("reachable at b:7402");
            assertThat(transport.targets()).hasSizeGreaterThan(1).containsOnly(2);
            assertThat(client.admin().takeSnapshot(3)).failsWithin(WAIT).withThrowableOfType(ExecutionException.class)
                    .withCauseInstanceOf(TimeoutException.class);
        }
    }

    @Test
    void anAnswerNamingALeaderIsNotFollowed() {
        Scripted transport = new Scripted(s -> Optional.of(reply(s, ClientStatus.NOT_LEADER, 3, new byte[0])));
        try (RaftClient<byte[], byte[]> client = client(transport, WAIT)) {
            assertThat(client.admin().report(1)).failsWithin(WAIT).withThrowableOfType(ExecutionException.class)
                    .withCauseInstanceOf(RaftException.class).withMessageContaining("member 1 refused");
            assertThat(transport.targets()).containsExactly(1);
        }
    }

    @Test
    void aRefusalFailsWithTheMembersReason() {
        Scripted transport = new Scripted(s -> Optional.of(reply(s, ClientStatus.BAD_REQUEST, 0,
                "the state machine does not support snapshots".getBytes(StandardCharsets.UTF_8))));
        try (RaftClient<byte[], byte[]> client = client(transport, WAIT)) {
            assertThat(client.admin().takeSnapshot(1)).failsWithin(WAIT).withThrowableOfType(ExecutionException.class)
                    .withCauseInstanceOf(RaftException.class)
                    .withMessageContaining("member 1 refused a snapshot on member 1: the state machine does not");
        }
    }

    @Test
    void aMemberTheClientDoesNotKnowIsRefusedAtOnce() {
        Scripted transport = new Scripted(s -> Optional.empty());
        try (RaftClient<byte[], byte[]> client = client(transport, WAIT)) {
            assertThat(client.admin().report(9)).failsWithin(WAIT).withThrowableOfType(ExecutionException.class)
                    .withCauseInstanceOf(IllegalArgumentException.class).withMessageContaining("member 9");
            assertThat(client.admin().takeSnapshot(0)).failsWithin(WAIT)
                    .withThrowableOfType(ExecutionException.class).withCauseInstanceOf(IllegalArgumentException.class);
            assertThat(transport.sent).isEmpty();
        }
    }
}
