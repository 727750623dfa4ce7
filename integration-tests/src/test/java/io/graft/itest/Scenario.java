package io.graft.itest;

import io.graft.api.RaftClient;
import io.graft.examples.kv.KvCommand;
import io.graft.examples.kv.KvResult;
import io.graft.testkit.history.CheckResult;
import io.graft.testkit.history.History;
import io.graft.testkit.history.KvOp;
import io.graft.testkit.history.KvOpResult;
import io.graft.testkit.history.KvRegisterModel;
import io.graft.testkit.history.LinearizabilityChecker;
import io.graft.testkit.history.Operation;
import io.graft.testkit.history.Outcome;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.awaitility.Awaitility;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one {@link ScenarioSpec}: starts the cluster, runs the workload while the nemesis strikes, heals
 * everything, waits for the cluster to make progress again, reads every key one last time, and checks the
 * history, the final values and the members' logs. Everything it learns goes to the scenario's artifacts
 * directory (history, checker report, faults, member logs), pass or fail.
 */
final class Scenario {
    /** How soon after every fault is healed a write must commit again. */
    static final Duration PROGRESS_BOUND = Duration.ofSeconds(30);
    /** How long the checker may search before declaring the history too hard (then the scenario fails). */
    static final Duration CHECK_LIMIT = Duration.ofSeconds(90);
    private static final Duration CONVERGENCE_BOUND = Duration.ofSeconds(60);
    private static final Logger LOG = LoggerFactory.getLogger(Scenario.class);

    private Scenario() {
    }

    static ScenarioReport run(ScenarioSpec spec) {
        long started = System.nanoTime();
        Path dir = ItestSettings.artifactsDir().resolve(spec.name());
        recreate(dir);
        LOG.info("scenario {}: starting {} members", spec.name(), spec.members());
        try (DockerCluster cluster = DockerCluster.start(spec.name(), spec.members())) {
            try {
                return runOn(cluster, spec, dir, started);
            } finally {
                cluster.saveLogs(dir);
            }
        }
    }

    private static ScenarioReport runOn(DockerCluster cluster, ScenarioSpec spec, Path dir, long started) {
        History<KvOp, KvOpResult> history = new History<>();
        FaultLog faults = new FaultLog(history.originNanos());
        Random random = new Random(spec.seed());
        NemesisContext nemesis = new NemesisContext(cluster, random, faults);
        Awaitility.await("a first leader").atMost(Duration.ofSeconds(60)).until(() -> nemesis.leader().isPresent());

        Duration recovery;
        KvWorkload workload = new KvWorkload(cluster::endpoints, history, spec.clients(), spec.keys(), spec.seed());
        try {
            nemesis.hold(Duration.ofSeconds(2)); // Some operations on a healthy cluster first.
            long faultsEnd = System.nanoTime() + spec.faultPhase().toNanos();
            while (System.nanoTime() < faultsEnd) {
                spec.nemesis().strike(nemesis);
                nemesis.hold(nemesis.between(1, 3));
            }
            cluster.healAll();
            faults.record(null, "every fault healed");
            recovery = awaitProgress(cluster);
            faults.record(null, "a write committed " + recovery.toMillis() + " ms after healing");
            nemesis.hold(Duration.ofSeconds(2)); // Some operations on the healed cluster, too.
        } finally {
            workload.close();
        }
        Map<String, String> finalValues = finalReads(cluster, history, spec.keys());
        List<Operation<KvOp, KvOpResult>> ops = history.operations();
        CheckResult linearizability = LinearizabilityChecker.check(new KvRegisterModel(), ops, CHECK_LIMIT);
        List<String> lost = AckedWritesCheck.problems(ops, finalValues, history.originNanos());
        ConvergenceCheck.Result convergence = ConvergenceCheck.await(cluster, dir, CONVERGENCE_BOUND);

        ScenarioReport report = new ScenarioReport(spec, ops.size(), count(ops, Outcome.OK),
                count(ops, Outcome.UNKNOWN), count(ops, Outcome.FAILED), faults.counts(), linearizability, lost,
                convergence, recovery, finalValues, Duration.ofNanos(System.nanoTime() - started), dir);
        writeArtifacts(dir, history.originNanos(), ops, faults, report);
        LOG.info("{}", report.summary());
        return report;
    }

    /** Commits one write through a fresh client, retrying until it works; returns how long it took. */
    private static Duration awaitProgress(DockerCluster cluster) {
        long healed = System.nanoTime();
        Awaitility.await("a write to commit after healing").atMost(PROGRESS_BOUND)
                .pollInterval(Duration.ofMillis(100)).ignoreExceptions().until(() -> {
                    try (RaftClient<KvCommand, KvResult> client = KvClients.client(cluster.endpoints())) {
                        client.submit(KvCommand.put("itest.progress", "after healing")).get(5, TimeUnit.SECONDS);
                        return true;
                    }
                });
        return Duration.ofNanos(System.nanoTime() - healed);
    }

    /** Reads every key through a fresh client, recording the reads in the history; returns the values. */
    private static Map<String, String> finalReads(DockerCluster cluster, History<KvOp, KvOpResult> history,
                                                  List<String> keys) {
        Map<String, String> values = new TreeMap<>();
        int process = 1000; // Not one of the workload's clients.
        try (RaftClient<KvCommand, KvResult> client = KvClients.client(cluster.endpoints())) {
            for (String key : keys) {
                Awaitility.await("a final read of " + key).atMost(PROGRESS_BOUND).until(() -> {
                    History.Pending<KvOp, KvOpResult> read = history.invoke(process, KvOp.get(key));
                    try {
                        KvResult r = client.submit(KvCommand.get(key)).get(10, TimeUnit.SECONDS);
                        read.ok(KvMapping.result(r));
                        values.put(key, r.valueOrNull());
                        return true;
                    } catch (Exception e) {
                        read.unknown();
                        return false;
                    }
                });
            }
        }
        return values;
    }

    private static int count(List<Operation<KvOp, KvOpResult>> ops, Outcome outcome) {
        return (int) ops.stream().filter(op -> op.outcome() == outcome).count();
    }

    private static void writeArtifacts(Path dir, long origin, List<Operation<KvOp, KvOpResult>> ops, FaultLog faults,
                                       ScenarioReport report) {
        try {
            Files.write(dir.resolve("history.txt"), ops.stream().map(op -> op.describe(origin))
                    .collect(Collectors.toList()), StandardCharsets.UTF_8);
            Files.writeString(dir.resolve("faults.txt"), faults.events().stream()
                    .map(e -> "+" + e.atMillis() + " ms  " + e.text()).collect(Collectors.joining("\n", "", "\n")));
            StringBuilder checks = new StringBuilder()
                    .append(report.linearizability().report(origin)).append("\n\n")
                    .append("lost acknowledged writes: ").append(report.lostWrites().isEmpty() ? "none"
                            : String.join("\n  ", report.lostWrites())).append("\n\n")
                    .append("final values: ").append(report.finalValues()).append("\n\n")
                    .append(report.convergence().describe()).append('\n');
            Files.writeString(dir.resolve("checks.txt"), checks);
            Files.writeString(dir.resolve("summary.txt"), report.summary() + "\n");
            Files.writeString(dir.getParent().resolve("summary.txt"), report.summary() + "\n\n",
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the artifacts of " + report.spec().name(), e);
        }
    }

    private static void recreate(Path dir) {
        try {
            if (Files.exists(dir)) {
                try (var paths = Files.walk(dir)) {
                    for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                        Files.delete(p);
                    }
                }
            }
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare " + dir, e);
        }
    }
}
