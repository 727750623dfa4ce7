package io.graft.transport.zeromq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Connections beyond {@code maxConnections} are closed as soon as they are accepted; the peers' connections,
 * made first, keep working, and once the crowd leaves new connections are accepted again.
 */
class ConnectionCapTest {
    private static final int MAX_CONNECTIONS = 6;
    private static final int CROWD = 40;

    @Test
    @Timeout(60)
    void connectionsBeyondTheCapAreClosedAndThePeersKeepWorking() throws IOException {
        ZeroMqSettings settings = ZeroMqSettings.from(ZeroMqTransportTest.options(
                Map.of("maxConnections", List.of("" + MAX_CONNECTIONS))));
        try (HostileMember member = new HostileMember(settings)) {
            for (int i = 0; i < CROWD; i++) {
                member.send(Zmtp.handshake("crowd-" + i));
            }
            // Two of the places are the peers' connections, made before the crowd came.
            long beyond = CROWD - (MAX_CONNECTIONS - 2);
            await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(20))
                    .until(() -> member.target().stats().rejected(RejectReason.TOO_MANY_CONNECTIONS) >= beyond);
            assertThat(member.target().stats().rejected(RejectReason.TOO_MANY_CONNECTIONS)).isEqualTo(beyond);
            Socket late = member.send(Zmtp.greeting());
            late.setSoTimeout(10_000);
            assertThat(closedByTheMember(late)).as("a connection beyond the cap is closed").isTrue();

            member.closeConnections();
            await().atMost(Duration.ofSeconds(20)).ignoreExceptions().untilAsserted(member::assertStillServes);
        }
    }

    /** Whether the member ends the connection (it may have sent part of its greeting first) within the timeout. */
    private static boolean closedByTheMember(Socket s) {
        try {
            s.getInputStream().readAllBytes();
            return true;
        } catch (SocketTimeoutException stillOpen) {
            return false;
        } catch (IOException reset) {
            return true;
        }
    }
}
