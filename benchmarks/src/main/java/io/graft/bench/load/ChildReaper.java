package io.graft.bench.load;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Kills child member processes that are still running when the load generator's JVM exits, whatever the
 * reason (a failed run, an exception, Ctrl-C): one shutdown hook for every child. A child whose parent was
 * killed outright (no hooks run) exits by itself when its standard input ends.
 */
final class ChildReaper {
    private static final Set<Process> LIVE = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(ChildReaper::killAll, "graft-bench-child-reaper"));
    }

    private ChildReaper() {
    }

    /** Kills {@code child} at exit unless {@link #forget forgotten} first. */
    static void watch(Process child) {
        LIVE.add(child);
    }

    /** {@code child} has ended. */
    static void forget(Process child) {
        LIVE.remove(child);
    }

    private static void killAll() {
        for (Process p : LIVE) {
            p.destroyForcibly();
        }
    }
}
