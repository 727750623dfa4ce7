package io.graft.core.internal.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.graft.api.MalformedMessageException;
import io.graft.api.Membership;
import io.graft.api.ReadConsistency;
import io.graft.api.config.Member;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class ClientFramesTest {

    private static ClientMessage decode(byte[] frame) {
        return ClientFrames.decodeMessage(ByteBuffer.wrap(frame));
    }

    @Test
    void commandsReadsAndAdminRequestsRoundTrip() {
        ClientRequest command = new ClientRequest(7, 3, 2, new byte[] {1, 2});
        ClientRead read = new ClientRead(7, -4, ReadConsistency.LEASE, new byte[] {9});
        AdminRequest add = AdminRequest.adding(7, -5, AdminOperation.ADD_LEARNER, new Member(4, "[::1]", 7404));
        AdminRequest transfer = AdminRequest.of(7, -6, AdminOperation.TRANSFER_LEADERSHIP, 2);
        AdminRequest membership = AdminRequest.of(7, -7, AdminOperation.MEMBERSHIP, 0);
        AdminRequest report = AdminRequest.of(7, -8, AdminOperation.REPORT, 3);
        AdminRequest snapshot = AdminRequest.of(7, -9, AdminOperation.SNAPSHOT, 2);

        assertThat(decode(ClientFrames.encode(command))).isEqualTo(command);
        assertThat(decode(ClientFrames.encode(read))).isEqualTo(read);
        assertThat(decode(ClientFrames.encode(add))).isEqualTo(add);
        assertThat(((AdminRequest) decode(ClientFrames.encode(add))).member()).isEqualTo(new Member(4, "[::1]", 7404));
        assertThat(decode(ClientFrames.encode(transfer))).isEqualTo(transfer);
        assertThat(decode(ClientFrames.encode(membership))).isEqualTo(membership);
        assertThat(decode(ClientFrames.encode(report))).isEqualTo(report);
        assertThat(decode(ClientFrames.encode(snapshot))).isEqualTo(snapshot);
        // The old decoder of commands still reads commands, and only them.
        assertThat(ClientFrames.decodeRequest(ByteBuffer.wrap(ClientFrames.encode(command)))).isEqualTo(command);
        assertThatThrownBy(() -> ClientFrames.decodeRequest(ByteBuffer.wrap(ClientFrames.encode(read))))
                .isInstanceOf(MalformedMessageException.class).hasMessageContaining("kind 1, got 3");
    }

    @Test
    void readAndAdminIdsMustBeNegativeSoThatRepliesCannotBeMistakenForACommands() {
        assertThatThrownBy(() -> decode(ClientFrames.encode(new ClientRead(7, 1, ReadConsistency.LINEARIZABLE,
                new byte[0])))).isInstanceOf(MalformedMessageException.class).hasMessageContaining("negative");
        assertThatThrownBy(() -> decode(ClientFrames.encode(AdminRequest.of(7, 0, AdminOperation.MEMBERSHIP, 0))))
                .isInstanceOf(MalformedMessageException.class).hasMessageContaining("negative");
    }

    @Test
    void rejectsUnknownCodesMissingFieldsAndTruncation() {
        byte[] read = ClientFrames.encode(new ClientRead(7, -1, ReadConsistency.LINEARIZABLE, new byte[] {1}));
        byte[] badConsistency = read.clone();
        badConsistency[18] = 9;
        assertThatThrownBy(() -> decode(badConsistency)).hasMessageContaining("unknown read consistency");

        byte[] remove = ClientFrames.encode(AdminRequest.of(7, -1, AdminOperation.REMOVE_MEMBER, 3));
        byte[] badOperation = remove.clone();
        badOperation[18] = 42;
        assertThatThrownBy(() -> decode(badOperation)).hasMessageContaining("unknown admin operation");
        assertThatThrownBy(() -> decode(ClientFrames.encode(AdminRequest.of(7, -1, AdminOperation.REMOVE_MEMBER, 0))))
                .hasMessageContaining("positive member id");
        assertThatThrownBy(() -> decode(ClientFrames.encode(AdminRequest.of(7, -1, AdminOperation.ADD_MEMBER, 4))))
                .hasMessageContaining("host and port");
        // A report or a snapshot names the member it is sent to, which checks that it is that member.
        assertThatThrownBy(() -> decode(ClientFrames.encode(AdminRequest.of(7, -1, AdminOperation.REPORT, 0))))
                .hasMessageContaining("positive member id");
        assertThatThrownBy(() -> decode(ClientFrames.encode(AdminRequest.of(7, -1, AdminOperation.SNAPSHOT, -2))))
                .hasMessageContaining("positive member id");

        for (byte[] frame : new byte[][] {read, remove}) {
            for (int length = 0; length < frame.length; length++) {
                byte[] cut = Arrays.copyOf(frame, length);
                assertThatThrownBy(() -> decode(cut)).as("cut to %d bytes", length)
                        .isInstanceOf(MalformedMessageException.class);
            }
        }
        byte[] response = ClientFrames.encode(new ClientResponse(7, -1, ClientStatus.OK, 0, new byte[0]));
        assertThatThrownBy(() -> decode(response)).hasMessageContaining("got kind 2");
    }

    @Test
    void newStatusesRoundTripInResponses() {
        for (ClientStatus status : new ClientStatus[] {ClientStatus.LEADERSHIP_TRANSFER, ClientStatus.MEMBERSHIP_REFUSED}) {
            ClientResponse r = new ClientResponse(7, -2, status, 3, "why".getBytes());
            assertThat(ClientFrames.decodeResponse(ByteBuffer.wrap(ClientFrames.encode(r)))).isEqualTo(r);
        }
    }

    @Test
    void membershipBodyRoundTripsAndRefusesDamage() {
        Membership m = new Membership(12, new TreeMap<>(Map.of(1, new Member(1, "a", 7401), 2, new Member(2, "b", 7402))),
                new TreeMap<>(Map.of(5, new Member(5, "[::1]", 7405))));
        byte[] body = MembershipBody.encode(m);
        assertThat(MembershipBody.decode(body)).isEqualTo(m);

        for (int length = 0; length < body.length; length++) {
            byte[] cut = Arrays.copyOf(body, length);
            assertThatThrownBy(() -> MembershipBody.decode(cut)).as("cut to %d bytes", length)
                    .isInstanceOf(MalformedMessageException.class);
        }
        byte[] extra = Arrays.copyOf(body, body.length + 1);
        assertThatThrownBy(() -> MembershipBody.decode(extra)).hasMessageContaining("after the membership");
        byte[] hugeCount = body.clone();
        ByteBuffer.wrap(hugeCount).putInt(8, Integer.MAX_VALUE);
        assertThatThrownBy(() -> MembershipBody.decode(hugeCount)).hasMessageContaining("member count");
    }
}
