package io.graft.core.internal.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.graft.api.MalformedMessageException;
import io.graft.api.report.MemberReport;
import java.lang.management.ManagementFactory;

/**
 * Fuzzes {@link ReportBody#decode}, which a client runs on whatever a member (or anything at its address) answers
 * to a report request. Bytes either decode to a report that survives a round trip, or are refused with a
 * {@link MalformedMessageException}; nothing else may escape, and decoding never allocates much more than the
 * input, whatever length or count a body announces.
 *
 * <p>A normal test run replays the corpus in {@code ReportBodyFuzzTestInputs}; to fuzz for real:
 * {@code JAZZER_FUZZ=1 ./mvnw -pl raft-core -am test -Dtest=ReportBodyFuzzTest -Dsurefire.failIfNoSpecifiedTests=false}.
 */
class ReportBodyFuzzTest {
    /** What decoding may allocate beyond twice the input: the decoded objects, messages, classes loaded once. */
    private static final long ALLOCATION_ALLOWANCE_BYTES = 16 << 20;

    @FuzzTest(maxDuration = "5m")
    void decode(byte[] input) {
        long before = allocatedByThisThread();
        MemberReport r;
        try {
            r = ReportBody.decode(input);
        } catch (MalformedMessageException refused) {
            assertAllocatedLittle(before, input);
            return;
        }
        assertAllocatedLittle(before, input);
        assertThat(ReportBody.decode(ReportBody.encode(r))).isEqualTo(r);
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
