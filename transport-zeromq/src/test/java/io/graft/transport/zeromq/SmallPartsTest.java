package io.graft.transport.zeromq;

import static org.assertj.core.api.Assertions.assertThat;

import io.graft.api.config.Member;
import io.graft.api.config.Options;
import io.graft.api.transport.TransportProvider;
import java.nio.charset.StandardCharsets;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

/** Member identities, the bounded peer queue, and service discovery. */
class SmallPartsTest {

    @Test
    void memberIdentitiesRoundTripAndRejectEverythingElse() {
        for (int id : new int[] {1, 7, 42, Integer.MAX_VALUE}) {
            assertThat(MemberIdentity.parse(MemberIdentity.of(id))).isEqualTo(id);
        }
        for (String bad : new String[] {"", "0", "07", "-1", "1a", "2147483648", "99999999999", " 1"}) {
            assertThat(MemberIdentity.parse(bad.getBytes(StandardCharsets.US_ASCII))).as(bad)
                    .isEqualTo(MemberIdentity.INVALID);
        }
        assertThat(MemberIdentity.parse(new byte[] {0, 1, 2, 3, 4})).isEqualTo(MemberIdentity.INVALID);
        assertThat(MemberIdentity.parse((String) null)).isEqualTo(MemberIdentity.INVALID);
    }

    @Test
    void peerQueueIsBoundedInMessagesAndInBytes() {
        PeerLink byCount = new PeerLink(new Member(2, "h", 1), 3, 1_000);
        assertThat(byCount.offer(new byte[10])).isTrue();
        assertThat(byCount.offer(new byte[10])).isTrue();
        assertThat(byCount.offer(new byte[10])).isTrue();
        assertThat(byCount.offer(new byte[10])).isFalse();
        assertThat(byCount.poll()).hasSize(10);
        assertThat(byCount.offer(new byte[10])).isTrue();

        PeerLink byBytes = new PeerLink(new Member(2, "h", 1), 100, 25);
        assertThat(byBytes.offer(new byte[20])).isTrue();
        assertThat(byBytes.offer(new byte[10])).isFalse();
        assertThat(byBytes.offer(new byte[5])).isTrue();
        assertThat(byBytes.poll()).hasSize(20);
        assertThat(byBytes.offer(new byte[20])).isTrue();
        assertThat(byBytes.queued()).isEqualTo(2);
    }

    @Test
    void theProviderIsFoundByName() {
        TransportProvider found = ServiceLoader.load(TransportProvider.class).stream()
                .map(ServiceLoader.Provider::get)
                .filter(p -> p.name().equals("zeromq"))
                .findFirst().orElseThrow();
        assertThat(found.create(Options.empty("transportOptions"))).isInstanceOf(ZeroMqTransport.class);
    }

    @Test
    void bracketsIpv6Literals() {
        assertThat(Sockets.tcpEndpoint("127.0.0.1", 5)).isEqualTo("tcp://127.0.0.1:5");
        assertThat(Sockets.tcpEndpoint("::1", 5)).isEqualTo("tcp://[::1]:5");
    }
}
