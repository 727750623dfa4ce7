package io.graft.transport.zeromq;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lowers the scheduling priority of ZeroMQ's I/O thread (setting {@code ioThreadNice}), on Linux.
 *
 * <p>Why: JeroMQ's I/O thread moves every message of every member and client in the process. When it wakes at
 * once for each message, it takes the processor from the event loops that produce and consume them, and moves one
 * message per wake-up. At a lower priority it runs when they are done, and moves what they queued in one go. With
 * three members in one JVM on two vCPUs, nice 10 took 256 commands in flight from about 600 k/s (p99 about 3 ms) to
 * about 780 k/s (p99 1.5 ms) (docs/performance.md). Its work per message is small, so even on a busy host it keeps
 * up; nice 19 would let a CPU-bound neighbour delay heartbeats for tens of milliseconds, so the default is 10.
 *
 * <p>Java cannot set a thread's nice value, so the thread runs {@code renice} on itself (its own thread id, from
 * {@code /proc/thread-self}); lowering a priority needs no privilege. Where that is impossible (not Linux, no
 * {@code renice}), the thread runs at normal priority and says so once at INFO.
 */
final class IoThreadNice {
    private static final Logger log = LoggerFactory.getLogger(IoThreadNice.class);
    private static final long RENICE_TIMEOUT_MILLIS = 2000;

    private IoThreadNice() {
    }

    /** {@code body}, run after lowering its thread's priority to {@code nice} (0 leaves it). */
    static Runnable lowering(Runnable body, int nice) {
        if (nice == 0) {
            return body;
        }
        return () -> {
            lowerCurrentThread(nice);
            body.run();
        };
    }

    /**
     * Sets the calling thread's nice value to {@code nice}.
     *
     * @return whether the thread now runs at that nice value
     */
    static boolean lowerCurrentThread(int nice) {
        String thread = Thread.currentThread().getName();
        try {
            String tid = Files.readSymbolicLink(Path.of("/proc/thread-self")).getFileName().toString();
            // The absolute form (no -n): util-linux and BusyBox agree on it.
            ProcessBuilder renice = new ProcessBuilder("renice", Integer.toString(nice), "-p", tid)
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
            renice.environment().remove("POSIXLY_CORRECT");
            Process process = renice.start();
            if (!process.waitFor(RENICE_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
            }
            OptionalInt now = niceOf(tid);
            if (now.isPresent() && now.getAsInt() == nice) {
                log.debug("{} runs at nice {}", thread, nice);
                return true;
            }
            log.info("{} stays at normal priority: renice did not set nice {} (ioThreadNice)", thread, nice);
        } catch (IOException | UnsupportedOperationException e) {
            log.info("{} stays at normal priority: cannot renice it here ({}); ioThreadNice: 0 skips this", thread,
                    e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return false;
    }

    /** The nice value of thread {@code tid} of this process, from {@code /proc}. */
    static OptionalInt niceOf(String tid) throws IOException {
        String stat = Files.readString(Path.of("/proc/self/task", tid, "stat"));
        // Fields after the command name, which may hold spaces and ends at the last ')': state is field 3, nice 19.
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
        return fields.length > 16 ? OptionalInt.of(Integer.parseInt(fields[16])) : OptionalInt.empty();
    }
}
