package io.graft.core.internal.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.graft.api.MalformedMessageException;
import io.graft.api.Membership;
import io.graft.api.Role;
import io.graft.api.config.Member;
import io.graft.api.report.FollowerReport;
import io.graft.api.report.MemberReport;
import io.graft.api.report.ReplicationMode;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** A member report crosses the wire whole, and whatever else arrives in its place is refused as malformed. */
class ReportBodyTest {

    /** A leader's report with a follower in each replication mode, a learner, and every optional field set. */
    static MemberReport leaderReport() {
        Membership membership = new Membership(17, new TreeMap<>(Map.of(1, new Member(1, "a.example", 7401),
                2, new Member(2, "b.example", 7402), 3, new Member(3, "[::1]", 7403))),
                new TreeMap<>(Map.of(4, new Member(4, "d.example", 7404))));
        List<FollowerReport> followers = List.of(
                new FollowerReport(2, true, 40, 41, 3, ReplicationMode.REPLICATE, Optional.of(Duration.ofMillis(12)),
                        false),
                new FollowerReport(3, true, 0, 1, 0, ReplicationMode.PROBE, Optional.empty(), true),
                new FollowerReport(4, false, 5, 6, 1, ReplicationMode.SNAPSHOT, Optional.of(Duration.ofSeconds(3)),
                        false));
        return new MemberReport(1, "cluster-é", Role.LEADER, 9, OptionalInt.of(1), false, 42, 41, 3, 44, 12_345, 2,
                678, 5, 2, membership, followers, Duration.ofMinutes(61), Optional.of("java.io.IOException: disk ✗"));
    }

    /** A follower's report: no followers, no leader known, no failure. */
    static MemberReport followerReport() {
        return new MemberReport(3, "c", Role.PRE_CANDIDATE, 0, OptionalInt.empty(), true, 0, 0, 1, 0, 0, 0, 0, 0, 0,
                new Membership(0, new TreeMap<>(Map.of(3, new Member(3, "h", 1))), new TreeMap<>()), List.of(),
                Duration.ZERO, Optional.empty());
    }

    @Test
    void reportsRoundTrip() {
        for (MemberReport r : List.of(leaderReport(), followerReport())) {
            byte[] body = ReportBody.encode(r);
            assertThat(body[0]).as("version").isEqualTo((byte) 1);
            assertThat(ReportBody.decode(body)).isEqualTo(r);
        }
    }

    @Test
    void aNewerVersionsAppendedFieldsAreSkippedButAVersionOneBodyMustEndWithItsLastFollower() {
        byte[] body = ReportBody.encode(leaderReport());
        byte[] longer = Arrays.copyOf(body, body.length + 5);
        assertThatThrownBy(() -> ReportBody.decode(longer)).isInstanceOf(MalformedMessageException.class)
                .hasMessageContaining("5 bytes after the report");
        longer[0] = 2;
        assertThat(ReportBody.decode(longer)).isEqualTo(leaderReport());
        byte[] older = body.clone();
        older[0] = 0;
        assertThatThrownBy(() -> ReportBody.decode(older)).hasMessageContaining("unsupported report version 0");
    }

    @Test
    void everyTruncationIsRefused() {
        byte[] body = ReportBody.encode(leaderReport());
        for (int length = 0; length < body.length; length++) {
            byte[] cut = Arrays.copyOf(body, length);
            assertThatThrownBy(() -> ReportBody.decode(cut)).as("cut to %d bytes", length)
                    .isInstanceOf(MalformedMessageException.class);
        }
    }

    @Test
    void hugeAnnouncedLengthsAndCountsAreRefusedBeforeAllocating() {
        byte[] body = ReportBody.encode(followerReport());
        byte[] longClusterId = body.clone();
        ByteBuffer.wrap(longClusterId).putInt(5, Integer.MAX_VALUE); // after version and member id
        assertThatThrownBy(() -> ReportBody.decode(longClusterId)).hasMessageContaining("of the cluster id");
        byte[] manyFollowers = body.clone();
        ByteBuffer.wrap(manyFollowers).putInt(body.length - 4, Integer.MAX_VALUE);
        assertThatThrownBy(() -> ReportBody.decode(manyFollowers)).hasMessageContaining("follower count");
    }

    @Test
    void unknownCodesAndImpossibleValuesAreRefused() {
        byte[] body = ReportBody.encode(followerReport());
        int roleAt = 1 + 4 + 4 + 1; // version, member id, cluster id "c"
        byte[] role = body.clone();
        role[roleAt] = 9;
        assertThatThrownBy(() -> ReportBody.decode(role)).hasMessageContaining("unknown role code 9");
        byte[] term = body.clone();
        ByteBuffer.wrap(term).putLong(roleAt + 1, -1);
        assertThatThrownBy(() -> ReportBody.decode(term)).hasMessageContaining("negative term");
        byte[] bool = body.clone();
        bool[roleAt + 1 + 8 + 4] = 2; // catching up
        assertThatThrownBy(() -> ReportBody.decode(bool)).hasMessageContaining("a boolean is 0 or 1");
        byte[] member = body.clone();
        ByteBuffer.wrap(member).putInt(1, 0);
        assertThatThrownBy(() -> ReportBody.decode(member)).hasMessageContaining("invalid member id 0");
    }

    /**
     * Random bytes, and valid bodies with random bytes overwritten, either decode to a report that survives a
     * round trip or are refused with {@link MalformedMessageException}; nothing else escapes.
     */
    @Test
    void garbageIsRefusedOrDecodedNeverThrownOtherwise() {
        Random random = new Random(16);
        byte[][] valid = {ReportBody.encode(leaderReport()), ReportBody.encode(followerReport())};
        int decoded = 0;
        for (int i = 0; i < 20_000; i++) {
            byte[] input;
            if (i % 2 == 0) {
                input = new byte[random.nextInt(300)];
                random.nextBytes(input);
                if (input.length > 0) {
                    input[0] = 1;
                }
            } else {
                input = valid[random.nextInt(valid.length)].clone();
                for (int flips = 1 + random.nextInt(3); flips > 0; flips--) {
                    input[random.nextInt(input.length)] = (byte) random.nextInt(256);
                }
            }
            MemberReport r;
            try {
                r = ReportBody.decode(input);
            } catch (MalformedMessageException refused) {
                continue;
            }
            decoded++;
            assertThat(ReportBody.decode(ReportBody.encode(r))).isEqualTo(r);
        }
        assertThat(decoded).as("some damaged bodies still decode").isPositive();
    }

    @Test
    void anIndexBodyHoldsOneIndex() {
        assertThat(IndexBody.decode(IndexBody.encode(42))).isEqualTo(42);
        assertThatThrownBy(() -> IndexBody.decode(new byte[7])).isInstanceOf(MalformedMessageException.class)
                .hasMessageContaining("got 7");
        assertThatThrownBy(() -> IndexBody.decode(ByteBuffer.allocate(8).putLong(-1).array()))
                .isInstanceOf(MalformedMessageException.class).hasMessageContaining("negative");
    }
}
