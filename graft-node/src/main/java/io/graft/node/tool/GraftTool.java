package io.graft.node.tool;

import io.graft.api.config.ClusterConfig;
import io.graft.node.ClusterFile;
import io.graft.node.ExitCodes;
import io.graft.node.TimeoutConverter;
import io.graft.node.UsageException;
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
 * {@code graft}, the administration tool for any Graft cluster, whatever its state machine and codec: it sends only
 * administrative requests, which carry no command, so it needs neither the cluster's codec nor its state machine
 * on its class path, only the transport the cluster file names. Run it as
 * {@code java -cp graft-node.jar io.graft.node.tool.GraftTool --config cluster.yaml status}, or through
 * {@code bin/graft}.
 */
@Command(name = "graft", sortOptions = false, usageHelpAutoWidth = true,
        description = {"Shows and administers a Graft cluster, whatever its state machine and codec.",
                "It reads the members' addresses and the transport from the cluster file. 'status' and 'report'"
                        + " ask the members themselves; 'members', 'transfer' and the membership changes go to the"
                        + " leader. Run 'graft COMMAND --help' for a command's details."},
        subcommands = {StatusCommand.class, ReportCommand.class, MembersCommand.class, TransferCommand.class,
                AddMemberCommand.class, AddLearnerCommand.class, RemoveMemberCommand.class, SnapshotCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:done",
                "1:the command failed or was refused (a transfer or membership change that did not happen, a"
                        + " snapshot the state machine cannot take)",
                "2:bad arguments or configuration (the message says what to change)",
                "3:the cluster did not answer in time (unreachable, or no leader)"})
public final class GraftTool implements Callable<Integer> {
    /** The logging level variable of the bundled logback.xml. */
    private static final String LOG_LEVEL = "GRAFT_LOG_LEVEL";
    /** The system property that names the SLF4J provider to use. */
    private static final String SLF4J_PROVIDER = "slf4j.provider";

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

    private final Map<String, String> env;

    private GraftTool(Map<String, String> env) {
        this.env = env;
    }

    /** Runs one command and exits with its code. */
    public static void main(String[] args) {
        if (System.getenv(LOG_LEVEL) == null && System.getProperty(LOG_LEVEL) == null
                && System.getProperty(SLF4J_PROVIDER) == null) {
            // A tool's output is its answer: warnings only, without starting the bundled logback.
            System.setProperty(SLF4J_PROVIDER, WarningsToStderr.class.getName());
            System.setProperty("slf4j.internal.verbosity", "WARN"); // Not a line about choosing it.
        }
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true), System.getenv()));
    }

    /**
     * Parses {@code args} and runs the command, printing to {@code out} and {@code err}, with {@code env} as the
     * environment ({@value ClusterFile#ENV}); returns the exit code. The testable heart of {@link #main}.
     */
    public static int run(String[] args, PrintWriter out, PrintWriter err, Map<String, String> env) {
        try {
            CommandLine cli = new CommandLine(new GraftTool(env));
            cli.setUsageHelpAutoWidth(true); // The annotation's applies to this command only.
            cli.setOut(out);
            cli.setErr(err);
            return cli.execute(args);
        } finally {
            out.flush();
            err.flush();
        }
    }

    /** Without a command there is nothing to do: show the usage. */
    @Override
    public Integer call() {
        PrintWriter err = err();
        err.println("graft: name a command: status, report, members, transfer, add-member, add-learner,"
                + " remove-member or snapshot");
        spec.commandLine().usage(err);
        return ExitCodes.USAGE;
    }

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    PrintWriter err() {
        return spec.commandLine().getErr();
    }

    /** The cluster file, loaded. */
    ClusterConfig cluster() {
        return ClusterFile.load(config, env);
    }

    /**
     * Loads the cluster file and connects a client to its members, with {@code --timeout} as the request timeout.
     *
     * @throws UsageException if the file or its transport is unusable
     */
    AdminSession connect() {
        return AdminSession.open(cluster(), timeout);
    }

    /** How a command prints the result of its request; returns the exit code. */
    @FunctionalInterface
    interface Printer<T> {
        int print(T result, PrintWriter out);
    }

    /**
     * Connects, sends one administrative request, waits for its outcome up to {@code --timeout}, and prints it
     * with {@code printer}, or prints the failure: the shared body of the commands that make one request.
     *
     * @param ifUnanswered what it means for the user that the request was not answered
     */
    <T> int request(Function<AdminSession, CompletableFuture<T>> request, Printer<T> printer, String ifUnanswered) {
        AdminSession session;
        try {
            session = connect();
        } catch (UsageException e) {
            return usageError(e);
        }
        try (session) {
            // The client gives up at the timeout; waiting a little longer lets its own failure arrive first.
            long wait = timeout.toMillis() + Math.max(1000, 2 * session.cluster().electionTimeout().toMillis());
            return printer.print(request.apply(session).get(wait, TimeUnit.MILLISECONDS), out());
        } catch (UsageException e) {
            return usageError(e);
        } catch (ExecutionException e) {
            return Failures.print(err(), e.getCause(), timeout, ifUnanswered);
        } catch (TimeoutException e) {
            return Failures.print(err(), e, timeout, ifUnanswered);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err().println("graft: interrupted before the cluster answered. " + ifUnanswered);
            return ExitCodes.FAILED;
        }
    }

    /** Prints the message of a usage problem and returns its exit code. */
    int usageError(UsageException e) {
        err().println("graft: " + e.getMessage());
        return ExitCodes.USAGE;
    }
}
