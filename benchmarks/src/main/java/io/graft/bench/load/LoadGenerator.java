package io.graft.bench.load;

import io.graft.api.config.ClusterConfig;
import io.graft.api.config.ConfigurationException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine;

/**
 * The command-line load generator: runs a cluster in this JVM (or, with {@code --transport zeromq-process}, one
 * process per member) under a closed-loop load and prints one JSON line of figures on standard output (logs
 * go to standard error). Exit status 0 when the run verified that every acknowledged command was applied
 * exactly once on every member, 1 when it did not or the cluster failed, 2 for bad usage.
 */
@Command(name = "loadgen", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Runs a Graft cluster in this JVM under a closed-loop load: one thread submits commands to the leader"
                    + " through RaftNode.submit (or a remote client: --submit client) whenever fewer than --in-flight"
                    + " await their result.",
            "Prints ONE JSON line: commands/s (committed and applied on the leader), latency percentiles in"
                    + " microseconds, peak RSS, GC time, CPU cores used, and whether every member applied every"
                    + " acknowledged command exactly once.",
            "Recommended JVM options: -Xmx2g -XX:+UseG1GC"},
        footer = {"", "Example: java -Xmx2g -XX:+UseG1GC -jar benchmarks/target/loadgen.jar --transport inmemory-ref"
                + " --in-flight 256 --warmup 20 --measure 10"})
public final class LoadGenerator implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--nodes", paramLabel = "N",
            description = "Cluster size, all in this JVM unless --transport zeromq-process"
                    + " (default: ${DEFAULT-VALUE}).")
    int nodes = 3;

    @Option(names = "--transport", paramLabel = "MODE", converter = TransportConverter.class,
            description = "inmemory (messages encoded to bytes), inmemory-ref (objects passed by reference),"
                    + " zeromq (TCP on 127.0.0.1; needs graft-transport-zeromq on the class path) or zeromq-process"
                    + " (the same, member 1 in this JVM and every other member in a child JVM started from this"
                    + " class path with this JVM's heap and GC flags) (default: inmemory-ref).")
    TransportMode transport = TransportMode.INMEMORY_REF;

    @Option(names = "--submit", paramLabel = "MODE", converter = SubmitConverter.class,
            description = "node (RaftNode.submit on the leader, which with zeromq-process is first moved to member"
                    + " 1) or client (a remote GraftClient over the transport's client side, with a session that"
                    + " makes retries exactly-once) (default: node).")
    SubmitMode submit = SubmitMode.NODE;

    @Option(names = "--durability", paramLabel = "MODE", converter = DurabilityConverter.class,
            description = "memory (memory log), file (file log, fsync on every group commit) or file-nosync"
                    + " (file log, no fsync: unsafe) (default: memory).")
    Durability durability = Durability.MEMORY;

    @Option(names = "--command-bytes", paramLabel = "BYTES", description = "Size of each command, at least 8 (default: ${DEFAULT-VALUE}).")
    int commandBytes = 16;

    @Option(names = "--in-flight", paramLabel = "N", description = "Commands awaiting their result at once (default: ${DEFAULT-VALUE}).")
    int inFlight = 256;

    @Option(names = "--warmup", paramLabel = "SECONDS", description = "Seconds of load before measuring (default: ${DEFAULT-VALUE}).")
    int warmupSeconds = 20;

    @Option(names = "--measure", paramLabel = "SECONDS", description = "Seconds measured (default: ${DEFAULT-VALUE}).")
    int measureSeconds = 10;

    @Option(names = "--election-timeout", paramLabel = "MILLIS",
            description = "The members' election timeout; heartbeats every tenth of it (default: ${DEFAULT-VALUE}).")
    int electionTimeoutMillis = 1000;

    @Option(names = "--snapshot-every", paramLabel = "ENTRIES",
            description = "Entries applied between snapshots; the log before a snapshot leaves memory, so this bounds"
                    + " the heap the garbage collector copies (default: ${DEFAULT-VALUE}, the cluster default).")
    long snapshotEvery = ClusterConfig.DEFAULT_SNAPSHOT_EVERY;

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "Where file logs go (a fresh directory inside it, deleted afterwards); default: the system's temporary directory.")
    Path dataDir;

    @Option(names = "--metrics", paramLabel = "REGISTRY", arity = "0..1", fallbackValue = "prometheus",
            converter = MetricsConverter.class,
            description = "Give every member Micrometer meters (graft-metrics-micrometer): prometheus (the default"
                    + " when the flag has no value: a PrometheusMeterRegistry scraped once a second), simple (a"
                    + " SimpleMeterRegistry) or none (default: none).")
    MetricsMode metrics = MetricsMode.NONE;

    @Option(names = "--chart", paramLabel = "FILE.png",
            description = "Also draw throughput and latency per second to this PNG file.")
    Path chart;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The configured picocli command line. */
    static CommandLine commandLine() {
        return new CommandLine(new LoadGenerator());
    }

    @Override
    public Integer call() throws Exception {
        LoadSettings settings;
        try {
            settings = new LoadSettings(nodes, transport, submit, durability, commandBytes, inFlight, warmupSeconds,
                    measureSeconds, electionTimeoutMillis, snapshotEvery, dataDir, metrics);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        LoadResult result;
        try {
            result = LoadRun.run(settings);
        } catch (ConfigurationException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        } catch (BenchClusterException e) {
            spec.commandLine().getErr().println("loadgen: the run failed: " + e.getMessage());
            spec.commandLine().getErr().flush();
            return 1;
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println(result.report().toJson());
        out.flush();
        if (chart != null) {
            LatencyChart.write(result, chart);
        }
        return result.report().verified() ? 0 : 1;
    }

    /** Parses {@code --transport}. */
    static final class TransportConverter implements CommandLine.ITypeConverter<TransportMode> {
        @Override
        public TransportMode convert(String value) {
            return TransportMode.parse(value);
        }
    }

    /** Parses {@code --submit}. */
    static final class SubmitConverter implements CommandLine.ITypeConverter<SubmitMode> {
        @Override
        public SubmitMode convert(String value) {
            return SubmitMode.parse(value);
        }
    }

    /** Parses {@code --metrics}. */
    static final class MetricsConverter implements CommandLine.ITypeConverter<MetricsMode> {
        @Override
        public MetricsMode convert(String value) {
            return MetricsMode.parse(value);
        }
    }

    /** Parses {@code --durability}. */
    static final class DurabilityConverter implements CommandLine.ITypeConverter<Durability> {
        @Override
        public Durability convert(String value) {
            return Durability.parse(value);
        }
    }
}
