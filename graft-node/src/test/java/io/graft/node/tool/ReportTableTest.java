package io.graft.node.tool;

import static org.assertj.core.api.Assertions.assertThat;

import io.graft.api.Membership;
import io.graft.api.Role;
import io.graft.api.config.Member;
import io.graft.api.report.FollowerReport;
import io.graft.api.report.MemberReport;
import io.graft.api.report.ReplicationMode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** How {@code graft report} lays a member report out for people. */
class ReportTableTest {
    private static final Membership MEMBERSHIP = new Membership(17,
            new TreeMap<>(Map.of(1, new Member(1, "a.example", 7401), 2, new Member(2, "b.example", 7402))),
            new TreeMap<>(Map.of(4, new Member(4, "d.example", 7404))));

    @Test
    void aLeadersReportListsItsFollowers() {
        MemberReport r = new MemberReport(1, "prod", Role.LEADER, 9, OptionalInt.of(1), false, 42, 40, 3, 44,
                12_800, 2, 678, 5, 1, MEMBERSHIP, List.of(
                        new FollowerReport(2, true, 44, 45, 3, ReplicationMode.REPLICATE,
                                Optional.of(Duration.ofMillis(12)), false),
                        new FollowerReport(4, false, 0, 1, 0, ReplicationMode.PROBE, Optional.empty(), true)),
                Duration.ofMinutes(61).plusSeconds(5), Optional.empty());

        assertThat(ReportTable.of(r)).isEqualTo("""
                member          1 (a.example:7401)
                cluster         prod
                role            leader
                term            9
                leader          member 1
                commit index    42
                applied index   40 (2 committed entries not yet applied)
                log             entries 3 to 44 (42, 12.5 KiB)
                snapshot        up to index 2 (678 B)
                pending         5 commands, 1 read
                uptime          1h 1m 5s
                members         the configuration at log index 17
                   1  a.example:7401  voter
                   2  b.example:7402  voter
                   4  d.example:7404  learner
                followers
                   MEMBER  VOTES  MATCH  NEXT  IN FLIGHT  MODE                LAST CONTACT  LAG
                   2       yes    44     45    3          replicate           12 ms ago     0
                   4       no     0      1     0          probe, catching up  never         44
                """);
    }

    @Test
    void aStoppedLearnerSaysWhy() {
        MemberReport r = new MemberReport(4, "prod", Role.FOLLOWER, 9, OptionalInt.empty(), true, 0, 0, 1, 0, 0, 0,
                0, 0, 0, MEMBERSHIP, List.of(), Duration.ofSeconds(3), Optional.of("java.io.IOException: disk full"));

        String table = ReportTable.of(r);

        assertThat(table).contains("role            stopped\n", "leader          none known\n",
                "catching up     yes", "log             empty\n", "snapshot        none\n",
                "failure         java.io.IOException: disk full\n").doesNotContain("followers");
        assertThat(StatusLine.role(new MemberReport(4, "prod", Role.FOLLOWER, 9, OptionalInt.empty(), false, 0, 0, 1,
                0, 0, 0, 0, 0, 0, MEMBERSHIP, List.of(), Duration.ZERO, Optional.empty()))).isEqualTo("learner");
    }
}
