package io.graft.core.internal.sim;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongFunction;

/**
 * Runs many independent simulations on a few threads (each simulation stays on one thread and depends only
 * on its seed, so running them side by side changes nothing about any of them) and sums up what they did.
 */
final class SeedRunner {

    /**
     * What a batch of runs did.
     *
     * @param results every run's result, in seed order
     * @param wallNanos real time taken
     * @param cpuNanos CPU time of the simulation threads
     */
    record Summary(List<SimResult> results, long wallNanos, long cpuNanos) {
        List<SimResult> failures() {
            return results.stream().filter(r -> !r.passed()).toList();
        }

        double simulatedHours() {
            return results.stream().mapToLong(SimResult::simulatedMicros).sum() / 3.6e9;
        }

        /** Simulated time per real time, over the whole batch. */
        double speedup() {
            return results.stream().mapToLong(SimResult::simulatedMicros).sum() * 1000.0 / wallNanos;
        }

        /** Simulated time per CPU time of one simulation thread. */
        double speedupPerCpu() {
            return results.stream().mapToLong(SimResult::simulatedMicros).sum() * 1000.0 / cpuNanos;
        }

        long maxLivenessMillis() {
            return results.stream().mapToLong(SimResult::livenessMicros).max().orElse(-1) / 1000;
        }

        /** The slowest recovery after the faults, in election timeouts of its run. */
        double maxLivenessInElectionTimeouts() {
            return results.stream().mapToDouble(r -> r.livenessMicros() / (1000.0 * r.parameters().electionTimeoutMs()))
                    .max().orElse(0);
        }

        @Override
        public String toString() {
            long events = results.stream().mapToLong(SimResult::events).sum();
            long ops = results.stream().mapToLong(SimResult::operations).sum();
            long crashes = results.stream().mapToLong(SimResult::crashes).sum();
            long installs = results.stream().mapToLong(SimResult::snapshotsInstalled).sum();
            long wipes = results.stream().mapToLong(SimResult::wipes).sum();
            long suffixLosses = results.stream().mapToLong(SimResult::suffixLosses).sum();
            double slowestRepair = results.stream()
                    .mapToDouble(r -> r.slowestRepairMicros() / (1000.0 * r.parameters().electionTimeoutMs()))
                    .max().orElse(0);
            long inconclusive = results.stream()
                    .filter(r -> r.linearizability() == LinearizabilityChecker.Verdict.INCONCLUSIVE).count();
            return String.format("%d seeds, %d failed: %.2f simulated hours in %.1f s (%.1f s CPU); simulated/real"
                            + " %.0fx, per CPU-second %.0fx; %d events, %d client operations, %d crashes (%d wiped, %d"
                            + " lost a suffix; slowest repair %.1f election timeouts), %d snapshot installs; slowest"
                            + " recovery after faults %d ms (%.1f election timeouts; bound %d); linearizability"
                            + " inconclusive for %d seeds",
                    results.size(), failures().size(), simulatedHours(), wallNanos / 1e9, cpuNanos / 1e9, speedup(),
                    speedupPerCpu(), events, ops, crashes, wipes, suffixLosses, slowestRepair, installs,
                    maxLivenessMillis(), maxLivenessInElectionTimeouts(), Simulation.LIVENESS_BOUND_ELECTION_TIMEOUTS,
                    inconclusive);
        }
    }

    private SeedRunner() {
    }

    /** Runs seeds {@code first}, {@code first + 1}, ... : {@code count} of them, or until {@code budget} is spent. */
    static Summary run(long first, long count, Duration budget, int threads, LongFunction<SimParameters> parameters) {
        long start = System.nanoTime();
        long deadline = budget == null ? Long.MAX_VALUE : start + budget.toNanos();
        AtomicLong next = new AtomicLong(first);
        AtomicLong cpu = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<List<SimResult>>> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            workers.add(pool.submit(() -> {
                var mx = java.lang.management.ManagementFactory.getThreadMXBean();
                long cpuStart = mx.getCurrentThreadCpuTime();
                List<SimResult> mine = new ArrayList<>();
                long seed;
                while ((seed = next.getAndIncrement()) < first + count && System.nanoTime() < deadline) {
                    mine.add(new Simulation(parameters.apply(seed), null).run());
                }
                cpu.addAndGet(mx.getCurrentThreadCpuTime() - cpuStart);
                return mine;
            }));
        }
        List<SimResult> all = new ArrayList<>();
        try {
            for (Future<List<SimResult>> w : workers) {
                all.addAll(w.get());
            }
        } catch (Exception e) {
            throw new IllegalStateException("a simulation thread failed", e);
        } finally {
            pool.shutdownNow();
        }
        all.sort((a, b) -> Long.compare(a.seed(), b.seed()));
        return new Summary(all, System.nanoTime() - start, cpu.get());
    }
}
