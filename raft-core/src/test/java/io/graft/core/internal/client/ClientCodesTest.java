package io.graft.core.internal.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.graft.api.MalformedMessageException;
import io.graft.api.ReadConsistency;
import io.graft.api.Role;
import io.graft.api.report.ReplicationMode;
import java.nio.ByteBuffer;
import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The codes that stand for statuses, operations and read consistencies in the client protocol never change. */
class ClientCodesTest {
    /** Where the one-byte code sits in each frame: after version, kind, session and sequence or request id. */
    private static final int CODE_AT = 1 + 1 + 8 + 8;

    @Test
    void statusCodes() {
        Map<ClientStatus, Integer> codes = new EnumMap<>(ClientStatus.class);
        for (ClientStatus s : ClientStatus.values()) {
            codes.put(s, s.code());
            assertThat(ClientStatus.fromCode(s.code())).isSameAs(s);
        }
        assertThat(codes).containsExactly(Map.entry(ClientStatus.OK, 0), Map.entry(ClientStatus.NOT_LEADER, 1),
                Map.entry(ClientStatus.APPLY_FAILED, 2), Map.entry(ClientStatus.RESULT_NOT_ENCODABLE, 3),
                Map.entry(ClientStatus.OVERLOADED, 4), Map.entry(ClientStatus.OUTCOME_UNKNOWN, 5),
                Map.entry(ClientStatus.SESSION_EXPIRED, 6), Map.entry(ClientStatus.BAD_REQUEST, 7),
                Map.entry(ClientStatus.LEADERSHIP_TRANSFER, 8), Map.entry(ClientStatus.MEMBERSHIP_REFUSED, 9));
    }

    @Test
    void adminOperationCodes() {
        Map<AdminOperation, Integer> codes = new EnumMap<>(AdminOperation.class);
        for (AdminOperation o : AdminOperation.values()) {
            codes.put(o, o.code());
            assertThat(AdminOperation.fromCode(o.code())).isSameAs(o);
        }
        assertThat(codes).containsExactly(Map.entry(AdminOperation.TRANSFER_LEADERSHIP, 0),
                Map.entry(AdminOperation.ADD_MEMBER, 1), Map.entry(AdminOperation.ADD_LEARNER, 2),
                Map.entry(AdminOperation.REMOVE_MEMBER, 3), Map.entry(AdminOperation.MEMBERSHIP, 4),
                Map.entry(AdminOperation.REPORT, 5), Map.entry(AdminOperation.SNAPSHOT, 6));
    }

    @Test
    void reportCodes() {
        Map<Role, Integer> roles = new EnumMap<>(Role.class);
        for (Role r : Role.values()) {
            roles.put(r, ReportBody.roleCode(r));
        }
        assertThat(roles).containsExactly(Map.entry(Role.FOLLOWER, 0), Map.entry(Role.PRE_CANDIDATE, 1),
                Map.entry(Role.CANDIDATE, 2), Map.entry(Role.LEADER, 3));
        Map<ReplicationMode, Integer> modes = new EnumMap<>(ReplicationMode.class);
        for (ReplicationMode m : ReplicationMode.values()) {
            modes.put(m, ReportBody.modeCode(m));
        }
        assertThat(modes).containsExactly(Map.entry(ReplicationMode.PROBE, 0), Map.entry(ReplicationMode.REPLICATE, 1),
                Map.entry(ReplicationMode.SNAPSHOT, 2));
    }

    @Test
    void readConsistencyCodes() {
        Map<ReadConsistency, Integer> codes = new EnumMap<>(ReadConsistency.class);
        for (ReadConsistency c : ReadConsistency.values()) {
            codes.put(c, ReadConsistencyCode.code(c));
            assertThat(ReadConsistencyCode.fromCode(ReadConsistencyCode.code(c))).isSameAs(c);
        }
        assertThat(codes).containsExactly(Map.entry(ReadConsistency.LINEARIZABLE, 0),
                Map.entry(ReadConsistency.LEASE, 1));
    }

    @Test
    void framesCarryTheCodes() {
        assertThat(ClientFrames.encode(new ClientResponse(1, 2, ClientStatus.MEMBERSHIP_REFUSED, 0, new byte[0]))
                [CODE_AT]).isEqualTo((byte) 9);
        assertThat(ClientFrames.encode(AdminRequest.of(1, -2, AdminOperation.REMOVE_MEMBER, 3))[CODE_AT])
                .isEqualTo((byte) 3);
        assertThat(ClientFrames.encode(new ClientRead(1, -2, ReadConsistency.LEASE, new byte[0]))[CODE_AT])
                .isEqualTo((byte) 1);
    }

    @Test
    void unknownCodesAreRefusedAsMalformed() {
        byte[] response = ClientFrames.encode(new ClientResponse(1, 2, ClientStatus.OK, 0, new byte[0]));
        response[CODE_AT] = 10;
        assertThatThrownBy(() -> ClientFrames.decodeResponse(ByteBuffer.wrap(response)))
                .isInstanceOf(MalformedMessageException.class).hasMessageContaining("unknown client status code 10");

        byte[] admin = ClientFrames.encode(AdminRequest.of(1, -2, AdminOperation.MEMBERSHIP, 0));
        admin[CODE_AT] = 7;
        assertThatThrownBy(() -> ClientFrames.decodeMessage(ByteBuffer.wrap(admin)))
                .isInstanceOf(MalformedMessageException.class).hasMessageContaining("unknown admin operation code 7");

        byte[] read = ClientFrames.encode(new ClientRead(1, -2, ReadConsistency.LINEARIZABLE, new byte[0]));
        read[CODE_AT] = 2;
        assertThatThrownBy(() -> ClientFrames.decodeMessage(ByteBuffer.wrap(read)))
                .isInstanceOf(MalformedMessageException.class).hasMessageContaining("unknown read consistency code 2");
    }
}
