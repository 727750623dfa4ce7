package io.graft.transport.zeromq;

import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;

/** The heap and direct memory this JVM holds live, measured after a full collection. */
final class MemoryInUse {
    /**
     * What a bound on reserved bytes may add to the live memory measured: the collector's rounding of large
     * arrays to whole regions (G1 gives a 64 MiB array 68 MiB of 4 MiB regions), and the connections' own buffers.
     */
    static final long ALLOCATION_SLACK_BYTES = 64L << 20;

    /**
     * The most live memory that receiving under a budget of {@code receiveMemoryBytes} may add: the budget, again
     * as much for frames that exist twice while the receive loop decodes them (the frame and the message read from
     * it), and {@link #ALLOCATION_SLACK_BYTES}. Without a budget, the inputs of these tests add several times this.
     */
    static long boundFor(long receiveMemoryBytes) {
        return 2 * receiveMemoryBytes + ALLOCATION_SLACK_BYTES;
    }

    private MemoryInUse() {
    }

    /** Bytes of live heap plus direct buffers, after asking for a full collection. */
    static long liveBytes() {
        System.gc();
        long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        long direct = ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class).stream()
                .filter(pool -> pool.getName().equals("direct")).mapToLong(BufferPoolMXBean::getMemoryUsed).sum();
        return heap + direct;
    }
}
