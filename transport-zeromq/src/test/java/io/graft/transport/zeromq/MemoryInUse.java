package io.graft.transport.zeromq;

import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;

/** The heap and direct memory this JVM holds live, measured after a full collection. */
final class MemoryInUse {
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
