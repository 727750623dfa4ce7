package io.graft.core.internal.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.graft.api.RaftNode;
import io.graft.api.Role;
import io.graft.api.report.MemberReport;
import io.graft.core.internal.client.AdminOperation;
import io.graft.core.internal.client.AdminRequest;
import io.graft.core.internal.client.ClientFrames;
import io.graft.core.internal.client.ClientResponse;
import io.graft.core.internal.client.ClientStatus;
import io.graft.core.internal.client.IndexBody;
import io.graft.core.internal.client.ReportBody;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A member answers the requests addressed to itself (its report, a snapshot) whatever its role, refuses those
 * addressed to another member, and never answers them with "not leader", which would send a client elsewhere.
 */
class RemoteAdminTest {
    private static final long SESSION = 0x5e55;

    /** What {@code node} answers to {@code operation} addressed to member {@code addressedTo}. */
    private static ClientResponse ask(RaftNode<?, ?> node, AdminOperation operation, int addressedTo)
            throws Exception {
        CompletableFuture<byte[]> reply = new CompletableFuture<>();
        new RemoteAdmin(node).serve(AdminRequest.of(SESSION, -1, operation, addressedTo), reply::complete);
        ClientResponse r = ClientFrames.decodeResponse(ByteBuffer.wrap(reply.get(10, TimeUnit.SECONDS)));
        assertThat(r.sessionId()).isEqualTo(SESSION);
        assertThat(r.sequence()).isEqualTo(-1);
        return r;
    }

    private static RaftNode<String, Integer> follower(Members<?> m, RaftNode<String, Integer> leader) {
        return m.nodes.stream().filter(n -> n != leader).findFirst().orElseThrow();
    }

    @Test
    void aFollowerAnswersWithItsOwnReport() throws Exception {
        try (Members<RaftEventsTest.Counter> m = new Members<>(3, id -> new RaftEventsTest.Counter(), (id, b) -> b)) {
            RaftNode<String, Integer> leader = m.awaitLeader();
            RaftNode<String, Integer> follower = follower(m, leader);
            leader.submit("x").join();

            ClientResponse r = ask(follower, AdminOperation.REPORT, follower.id());

            assertThat(r.status()).isEqualTo(ClientStatus.OK);
            MemberReport report = ReportBody.decode(r.body());
            assertThat(report.memberId()).isEqualTo(follower.id());
            assertThat(report.role()).isEqualTo(Role.FOLLOWER);
            assertThat(report.leaderId()).hasValue(leader.id());
            assertThat(report.membership().voters()).containsOnlyKeys(1, 2, 3);
        }
    }

    @Test
    void aFollowerTakesASnapshotAndAnswersItsIndex() throws Exception {
        try (Members<RaftEventsTest.Counter> m = new Members<>(3, id -> new RaftEventsTest.Counter(), (id, b) -> b)) {
            RaftNode<String, Integer> leader = m.awaitLeader();
            RaftNode<String, Integer> follower = follower(m, leader);
            leader.submit("x").join();
            long applied = leader.status().commitIndex();
            await().atMost(Duration.ofSeconds(10)).until(() -> follower.report().join().appliedIndex() >= applied);

            ClientResponse r = ask(follower, AdminOperation.SNAPSHOT, follower.id());

            assertThat(r.status()).as(new String(r.body(), StandardCharsets.UTF_8)).isEqualTo(ClientStatus.OK);
            long index = IndexBody.decode(r.body());
            assertThat(index).isGreaterThanOrEqualTo(applied);
            assertThat(follower.report().join().snapshotIndex()).isEqualTo(index);
        }
    }

    @Test
    void aRequestForAnotherMemberIsRefusedNamingBoth() throws Exception {
        try (Members<RaftEventsTest.Counter> m = new Members<>(3, id -> new RaftEventsTest.Counter(), (id, b) -> b)) {
            RaftNode<String, Integer> one = m.node(1);

            for (AdminOperation operation : new AdminOperation[] {AdminOperation.REPORT, AdminOperation.SNAPSHOT}) {
                ClientResponse r = ask(one, operation, 2);
                assertThat(r.status()).isEqualTo(ClientStatus.BAD_REQUEST);
                assertThat(new String(r.body(), StandardCharsets.UTF_8)).contains("this is member 1, not member 2");
            }
        }
    }

    @Test
    void aSnapshotTheStateMachineCannotTakeIsRefusedWithTheReason() throws Exception {
        try (Members<LocalClusterSmokeTest.Recorder> m = new Members<>(3, id -> new LocalClusterSmokeTest.Recorder(),
                (id, b) -> b)) {
            RaftNode<String, Integer> leader = m.awaitLeader();
            leader.submit("x").join();

            ClientResponse r = ask(leader, AdminOperation.SNAPSHOT, leader.id());

            assertThat(r.status()).isEqualTo(ClientStatus.BAD_REQUEST);
            assertThat(new String(r.body(), StandardCharsets.UTF_8)).contains("does not support snapshots");
        }
    }

    @Test
    void aClosedMemberStillReportsAndRefusesASnapshotWithoutSendingTheClientElsewhere() throws Exception {
        try (Members<RaftEventsTest.Counter> m = new Members<>(3, id -> new RaftEventsTest.Counter(), (id, b) -> b)) {
            RaftNode<String, Integer> leader = m.awaitLeader();
            leader.submit("x").join();
            leader.close();

            assertThat(ask(leader, AdminOperation.REPORT, leader.id()).status()).isEqualTo(ClientStatus.OK);
            ClientResponse snapshot = ask(leader, AdminOperation.SNAPSHOT, leader.id());
            assertThat(snapshot.status()).isEqualTo(ClientStatus.BAD_REQUEST);
            assertThat(snapshot.leaderHint()).isZero();
        }
    }
}
