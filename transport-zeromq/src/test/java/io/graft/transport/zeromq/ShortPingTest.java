package io.graft.transport.zeromq;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A PING command too short to hold its 2-byte time-to-live: JeroMQ 0.6.0 reads it anyway and throws on the I/O
 * thread; the member ignores it instead ({@link SmallFrame}) and goes on serving.
 */
class ShortPingTest {

    @Test
    @Timeout(60)
    void pingCommandsWithoutTheirTimeToLiveAreIgnored() {
        byte[] ping = "\u0004PING".getBytes(StandardCharsets.US_ASCII);
        try (HostileMember member = new HostileMember(ZeroMqSettings.defaults())) {
            member.sendAfterHandshake("intruder", Zmtp.frame(Zmtp.COMMAND, ping));
            member.sendAfterHandshake("intruder", Zmtp.frame(Zmtp.COMMAND, Zmtp.concat(ping, new byte[1])));

            member.assertStillServes();
        }
    }
}
