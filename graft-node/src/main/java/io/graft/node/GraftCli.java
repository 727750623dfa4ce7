package io.graft.node;

import io.graft.api.CodecException;
import io.graft.api.NodeClosedException;
import io.graft.api.OutcomeUnknownException;
import io.graft.api.RaftClient;
import io.graft.api.ReadConsistency;
import io.graft.api.RemoteCommandException;
import io.graft.api.config.ClusterConfig;
import io.graft.api.config.ConfigurationException;
import io.graft.core.client.GraftClient;
import io.graft.core.plugin.Plugins;
import io.graft.examples.kv.KvCommand;
import io.graft.examples.kv.KvResult;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;
import picocli.CommandLine;

/**
 * The command line client of the key-value example ({@code stateMachine: kv}): {@code put}, {@code get},
 * {@code read}, {@code delete} and {@code cas}, sent through {@link GraftClient} over the transport the cluster file
 * names. Run it as {@code java -cp graft-node.jar io.graft.node.GraftCli --config cluster.yaml put hello world}. The
 * cluster's administration (status, reports, membership, leadership) is {@code graft}'s
 * ({@link io.graft.node.tool.GraftTool}), which works with any cluster.
 */
@Command(name = "graft-cli", sortOptions = false, usageHelpAutoWidth = true,
        description = {"Reads and writes the replicated key-value store of a Graft cluster (stateMachine: kv).",
                "Everything goes to the leader: writes and 'get' through the log, 'read' outside it (both"
                        + " linearizable). Run 'graft-cli COMMAND --help' for a command's details.",
                "To see and administer the cluster (status, report, members, transfer, add-member, add-learner,"
                        + " remove-member, snapshot), use 'graft', which works with any cluster."},
        subcommands = {PutCommand.class, GetCommand.class, ReadCommand.class, DeleteCommand.class, CasCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:done",
                "1:the command failed, or the answer is no (an absent key, a cas that did not swap)",
                "2:bad arguments or configuration (the message says what to change)",
                "3:the cluster did not answer in time (unreachable, or no leader)"})
public final class GraftCli implements Callable<Integer> {

    @Option(names = "--config", paramLabel = "FILE", scope = ScopeType.INHERIT,
            description = "The cluster file (YAML). Default: the file named by $" + ClusterFile.ENV + ".")
    Path config;

    @Option(names = "--timeout", paramLabel = "DURATION", scope = ScopeType.INHERIT, defaultValue = "5s",
            converter = TimeoutConverter.class,
            description = "How long to wait for the cluster, e.g. 500ms, 5s, 1m. Default: ${DEFAULT-VALUE}.")
    Duration timeout;

    @Option(names = {"-h", "--help"}, usageHelp = true, scope = ScopeType.INHERIT,
            description = "Show this help and exit.")
    boolean help;

    @Spec
    CommandLine.Model.CommandSpec spec;

    /** The logging level variable of the bundled logback.xml. */
    private static final String LOG_LEVEL = "GRAFT_LOG_LEVEL";

    private final Map<String, String> env;

    private GraftCli(Map<String, String> env) {
        this.env = env;
    }

    /** Runs one command and exits with its code. */
    public static void main(String[] args) {
        quietLogging();
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true), System.getenv()));
    }

    /**
     * The bundled logging setup shows a member's INFO lines; a client's output should be its answer alone, so
     * it shows warnings only, unless the user chose a level ({@value #LOG_LEVEL}, read by logback.xml).
     */
    private static void quietLogging() {
        if (System.getenv(LOG_LEVEL) == null && System.getProperty(LOG_LEVEL) == null) {
            System.setProperty(LOG_LEVEL, "WARN");
        }
    }

    /** Parses {@code args} and runs the command; the testable heart of {@link #main}. */
    static int run(String[] args, PrintWriter out, PrintWriter err, Map<String, String> env) {
        try {
            CommandLine cli = new CommandLine(new GraftCli(env));
            // The annotation's auto width applies to this command only; its commands' help wraps the same way.
            cli.setUsageHelpAutoWidth(true);
            cli.setOut(out);
            cli.setErr(err);
            return cli.execute(args);
        } finally {
            out.flush();
            err.flush();
        }
    }

    /** Without a subcommand there is nothing to do: show the usage. */
    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        err.println("graft-cli: name a command: put, get, read, delete or cas (for the cluster's status and"
                + " administration, use 'graft')");
        spec.commandLine().usage(err);
        return ExitCodes.USAGE;
    }

    /** How a subcommand prints a result; returns the exit code. */
    @FunctionalInterface
    interface Report<T> {
        int print(T result, PrintWriter out);
    }

    /** What it means for each kind of request that the cluster did not answer. */
    private static final String COMMAND_UNKNOWN = "The command may or may not have been applied.";
    private static final String READ_UNANSWERED = "A read changes nothing.";

    /** Sends {@code command} through the log, waits up to the timeout, and prints the result or the failure. */
    int submit(KvCommand command, Report<KvResult> report) {
        return call(client -> client.submit(command), report, COMMAND_UNKNOWN);
    }

    /** Reads with {@code query} at the leader, outside the log, and prints the result or the failure. */
    int read(KvCommand query, ReadConsistency consistency, Report<KvResult> report) {
        return call(client -> client.read(query, consistency), report, READ_UNANSWERED);
    }

    private <T> int call(Function<RaftClient<KvCommand, KvResult>, CompletableFuture<T>> request, Report<T> report,
                         String ifUnanswered) {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ClusterConfig cluster;
        GraftClient<KvCommand, KvResult> client;
        try {
            cluster = cluster();
            KvCodecs codecs = KvCodecs.of(cluster, new Plugins());
            client = openClient(cluster, codecs);
        } catch (UsageException e) {
            return usageError(err, e);
        }
        try (client) {
            T result = request.apply(client).get(waitMillis(cluster), TimeUnit.MILLISECONDS);
            return report.print(result, out);
        } catch (ExecutionException e) {
            return failure(err, e.getCause(), ifUnanswered);
        } catch (TimeoutException e) {
            return unreachable(err, "no answer from the cluster within " + describe(timeout), ifUnanswered);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println("graft-cli: interrupted before the cluster answered. " + ifUnanswered);
            return ExitCodes.FAILED;
        }
    }

    /** The cluster file, loaded. */
    private ClusterConfig cluster() {
        return ClusterFile.load(config, env);
    }

    private GraftClient<KvCommand, KvResult> openClient(ClusterConfig cluster, KvCodecs codecs) {
        try {
            return GraftClient.builder(cluster, codecs.commands(), codecs.results()).requestTimeout(timeout).build();
        } catch (ConfigurationException e) {
            throw new UsageException(e.getMessage(), e);
        } catch (UnsupportedOperationException e) {
            throw new UsageException("the transport '" + cluster.transport() + "' serves no remote clients ("
                    + e.getMessage() + "); run the cluster on a transport that does, e.g. zeromq", e);
        }
    }

    /** The client gives up at the timeout; waiting a little longer lets its own, clearer failure arrive first. */
    long waitMillis(ClusterConfig cluster) {
        return timeout.toMillis() + Math.max(1000, 2 * cluster.electionTimeout().toMillis());
    }

    static int usageError(PrintWriter err, UsageException e) {
        err.println("graft-cli: " + e.getMessage());
        return ExitCodes.USAGE;
    }

    private int failure(PrintWriter err, Throwable cause, String ifUnanswered) {
        if (cause instanceof OutcomeUnknownException || cause instanceof NodeClosedException
                || cause instanceof TimeoutException) {
            // The client's own message repeats what unreachable() says; the timeout is what the user chose.
            return unreachable(err, "no confirmation from the cluster within " + describe(timeout), ifUnanswered);
        }
        if (cause instanceof RemoteCommandException) {
            err.println("graft-cli: the cluster applied the command and it failed: " + cause.getMessage());
        } else if (cause instanceof CodecException) {
            err.println("graft-cli: cannot read the cluster's answer: " + cause.getMessage()
                    + "; does the cluster use the codec named in the cluster file?");
        } else {
            err.println("graft-cli: the command failed: " + cause);
        }
        return ExitCodes.FAILED;
    }

    private static int unreachable(PrintWriter err, String what, String consequence) {
        err.println("graft-cli: " + what + ". Is a majority of the members running and reachable at the"
                + " addresses in the cluster file? " + consequence);
        return ExitCodes.UNREACHABLE;
    }

    private static String describe(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }
}
