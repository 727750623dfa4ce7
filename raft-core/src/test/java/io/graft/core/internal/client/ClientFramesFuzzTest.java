package io.graft.core.internal.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.graft.api.MalformedMessageException;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;

/**
 * Fuzzes the decoders of {@link ClientFrames}, which members run on whatever reaches their port (anyone, without
 * CURVE), and clients on what members answer. Bytes either decode to a frame that encodes back to the same
 * bytes (an admin request, whose host may hold malformed UTF-8, to an equal request), or are refused with a
 * {@link MalformedMessageException}; nothing else may escape, and decoding never allocates much more than the
 * input, whatever length a frame announces (checked with this thread's allocation counter).
 *
 * <p>A normal test run replays the corpus in {@code ClientFramesFuzzTestInputs}; to fuzz for real:
 * {@code JAZZER_FUZZ=1 ./mvnw -pl raft-core -am test -Dtest=ClientFramesFuzzTest -Dsurefire.failIfNoSpecifiedTests=false}.
 */
class ClientFramesFuzzTest {
    /**
     * What decoding may allocate beyond twice the input: the decoded objects, an exception's message, and on a
     * code path's first run the classes it loads (some megabytes); far below the up to 2 GiB a length field can
     * announce.
     */
    private static final long ALLOCATION_ALLOWANCE_BYTES = 16 << 20;

    @FuzzTest(maxDuration = "5m")
    void decodeMessage(byte[] input) {
        long before = allocatedByThisThread();
        ClientMessage m;
        try {
            m = ClientFrames.decodeMessage(ByteBuffer.wrap(input));
        } catch (MalformedMessageException refused) {
            assertAllocatedLittle(before, input);
            return;
        }
        assertAllocatedLittle(before, input);
        if (m instanceof ClientRequest r) {
            assertThat(ClientFrames.encode(r)).isEqualTo(input);
            assertThat(ClientFrames.decodeRequest(ByteBuffer.wrap(input)).sequence()).isEqualTo(r.sequence());
        } else if (m instanceof ClientRead r) {
            assertThat(ClientFrames.encode(r)).isEqualTo(input);
        } else if (m instanceof AdminRequest r) {
            assertThat(ClientFrames.decodeMessage(ByteBuffer.wrap(ClientFrames.encode(r)))).isEqualTo(r);
        }
    }

    @FuzzTest(maxDuration = "5m")
    void decodeResponse(byte[] input) {
        long before = allocatedByThisThread();
        ClientResponse r;
        try {
            r = ClientFrames.decodeResponse(ByteBuffer.wrap(input));
        } catch (MalformedMessageException refused) {
            assertAllocatedLittle(before, input);
            return;
        }
        assertAllocatedLittle(before, input);
        assertThat(ClientFrames.encode(r)).isEqualTo(input);
    }

    private static void assertAllocatedLittle(long before, byte[] input) {
        long allocated = allocatedByThisThread() - before;
        assertThat(allocated).as("bytes allocated decoding %d bytes", input.length)
                .isLessThan(2L * input.length + ALLOCATION_ALLOWANCE_BYTES);
    }

    private static long allocatedByThisThread() {
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean())
                .getThreadAllocatedBytes(Thread.currentThread().getId());
    }
}
