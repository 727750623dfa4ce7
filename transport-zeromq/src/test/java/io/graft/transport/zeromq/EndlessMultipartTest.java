package io.graft.transport.zeromq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A peer sends one multipart message that never ends: JeroMQ holds its parts until the last one, outside any
 * high-water mark. The member counts them against {@code receiveMemoryBytes} and cuts the message there, so its
 * memory stays bounded, and it goes on serving.
 */
class EndlessMultipartTest {
    private static final int PART_BYTES = 200;
    private static final int PARTS = 1_000_000;

    @Test
    @Timeout(120)
    void theUnfinishedPartsOfAMultipartMessageHoldNoMoreThanReceiveMemoryBytes() throws IOException {
        ZeroMqSettings settings = ZeroMqSettings.defaults();
        try (HostileMember member = new HostileMember(settings)) {
            long before = MemoryInUse.liveBytes();
            Socket s = member.sendAfterHandshake("endless", new byte[0]);
            byte[] part = Zmtp.frame(Zmtp.MORE, new byte[PART_BYTES]);
            byte[] batch = new byte[part.length * 1000];
            for (int i = 0; i < 1000; i++) {
                System.arraycopy(part, 0, batch, i * part.length, part.length);
            }
            OutputStream out = s.getOutputStream();
            // Written from a thread of its own: a blocking socket write cannot be interrupted, and once the member
            // has cut the message it owes this connection no more reading. Closing the socket below ends it.
            AtomicLong written = new AtomicLong();
            Thread writer = new Thread(() -> {
                try {
                    for (int i = 0; i < PARTS / 1000; i++) {
                        out.write(batch);
                        written.addAndGet(batch.length);
                    }
                    out.flush();
                } catch (IOException e) {
                    // The member closed the connection, or the test did: either way the writing is over.
                }
            }, "endless-multipart-writer");
            writer.setDaemon(true);
            writer.start();
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50))
                    .until(() -> member.target().stats().rejected(RejectReason.RECEIVE_MEMORY_FULL) > 0);
            // The peer is done when it has written everything, or when the member stopped reading it: no progress
            // for a second. Either way its connection stays open while the member is checked.
            long[] last = {-1};
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).until(() -> {
                long now = written.get();
                boolean settled = !writer.isAlive() || now == last[0];
                last[0] = now;
                return settled;
            });
            long grew = MemoryInUse.liveBytes() - before;

            assertThat(grew).as("live memory held by %d parts of %d bytes of one unfinished message", PARTS,
                    PART_BYTES).isLessThan(MemoryInUse.boundFor(settings.receiveMemoryBytes()));
            member.assertStillServes();
            s.close();
        }
    }
}
