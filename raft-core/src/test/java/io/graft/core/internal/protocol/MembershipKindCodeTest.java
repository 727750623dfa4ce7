package io.graft.core.internal.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.graft.api.MalformedMessageException;
import io.graft.api.config.Member;
import java.util.EnumMap;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class MembershipKindCodeTest {

    @Test
    void eachKindKeepsItsCode() {
        Map<ClusterMembership.Kind, Integer> codes = new EnumMap<>(ClusterMembership.Kind.class);
        for (ClusterMembership.Kind k : ClusterMembership.Kind.values()) {
            codes.put(k, k.code());
            assertThat(ClusterMembership.Kind.fromCode(k.code())).isSameAs(k);
        }
        assertThat(codes).containsExactly(Map.entry(ClusterMembership.Kind.VOTER, 0),
                Map.entry(ClusterMembership.Kind.LEARNER, 1), Map.entry(ClusterMembership.Kind.JOINING, 2));
    }

    @Test
    void aMembershipIsEncodedWithTheCodeAndAnUnknownCodeIsRefused() {
        TreeMap<Integer, ClusterMembership.Seat> seats = new TreeMap<>();
        seats.put(7, new ClusterMembership.Seat(new Member(7, "h", 1), ClusterMembership.Kind.JOINING));
        byte[] encoded = new ClusterMembership(seats).encode();
        int kindAt = 1 + 4 + 4;
        assertThat(encoded[kindAt]).isEqualTo((byte) 2);

        encoded[kindAt] = 3;
        assertThatThrownBy(() -> ClusterMembership.decode(encoded)).isInstanceOf(MalformedMessageException.class)
                .hasMessageContaining("unknown membership kind code 3");
    }
}
