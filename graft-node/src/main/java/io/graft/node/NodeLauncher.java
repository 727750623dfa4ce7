package io.graft.node;

import io.graft.api.RaftNode;
import io.graft.api.config.ClusterConfig;
import io.graft.api.config.ConfigurationException;
import io.graft.api.config.Member;
import io.graft.api.metrics.MetricsRecorder;
import io.graft.core.plugin.Plugins;
import io.graft.node.admin.AdminSettings;
import io.graft.node.admin.NodeAdmin;
import io.graft.node.admin.NodeFile;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine;

/**
 * Runs one member of a Graft cluster described by a YAML file, until SIGTERM or SIGINT:
 * {@code java -jar graft-node.jar --config cluster.yaml --id 1}.
 *
 * <p>The state machine, codec and transport are the plug-ins the file names ({@code stateMachine},
 * {@code codec}, {@code transport}), found on the class path; the launcher knows none of them. It prints one
 * line containing {@value #STARTED} once the member runs, and one containing {@value #STOPPED} after closing
 * it. A member that stops by itself because one of its threads failed ends the process with
 * {@link ExitCodes#MEMBER_FAILED}, never leaves it running without a member.
 *
 * <p>With an {@code admin} section in the file, or {@code --admin-port}, it also serves the member's admin
 * endpoints and dashboard ({@link io.graft.node.admin.NodeAdmin}) from the member's start to its close.
 */
@Command(name = "graft-node", sortOptions = false, usageHelpAutoWidth = true,
        description = {"Runs one member of a Graft cluster until SIGTERM or SIGINT.",
                "The state machine, codec and transport are the plug-ins the cluster file names (stateMachine,"
                        + " codec, transport), found on the class path through META-INF/services."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:stopped cleanly (SIGTERM or SIGINT)",
                "1:the member could not start (e.g. its port or data directory is in use)",
                "2:bad arguments or configuration (the message says what to change)",
                "4:the member stopped by itself: one of its threads failed (storage, state machine, out of memory;"
                        + " the message and the log say which); it released its port and data directory first,"
                        + " so it can be started again at once"})
public final class NodeLauncher implements Callable<Integer> {
    /** The environment variable giving the member id when {@code --id} is not given. */
    static final String ID_ENV = "GRAFT_NODE_ID";
    /** Marks the line printed once the member runs. */
    static final String STARTED = " started: ";
    /** Marks the line giving the admin endpoints' address, printed before the "started" line when they are on. */
    static final String ADMIN = " admin endpoints and dashboard: ";
    /** Marks the line printed once the member is closed. */
    static final String STOPPED = " stopped";

    private static final Logger LOG = LoggerFactory.getLogger(NodeLauncher.class);

    @Option(names = "--config", paramLabel = "FILE",
            description = "The cluster file (YAML). Default: the file named by $" + ClusterFile.ENV + ".")
    private Path config;

    @Option(names = "--id", paramLabel = "N",
            description = "This member's id: one of the keys under 'configuration' in the cluster file."
                    + " Default: $" + ID_ENV + ".")
    private Integer id;

    @Option(names = "--join", description = {"This member joins a running cluster: it waits for the leader to add it"
            + " (graft add-member or add-learner) instead of taking the file's members as the cluster. Its file"
            + " must list it, and the members it can reach. Ignored once the member has a log: a restart uses the"
            + " membership in its log either way."})
    private boolean join;

    @Option(names = "--admin-port", paramLabel = "PORT", description = {"Serve the admin endpoints (/metrics,"
            + " /health/live, /health/ready, /status, the dashboard at /) on this port, 0 for any free one, whatever"
            + " the cluster file's 'admin' section says (its 'bind', 127.0.0.1 by default, still applies). Default:"
            + " the file's 'admin.port'; without one, no admin endpoints."})
    private Integer adminPort;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    private boolean help;

    @Spec
    private CommandLine.Model.CommandSpec spec;

    private final Map<String, String> env;
    private final StopSignal stop;

    private NodeLauncher(Map<String, String> env, StopSignal stop) {
        this.env = env;
        this.stop = stop;
    }

    /** Starts the member the arguments name and runs it until the JVM is asked to stop. */
    public static void main(String[] args) {
        int code = run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true), System.getenv(),
                StopSignal.onJvmShutdown());
        if (code != ExitCodes.OK) {
            System.exit(code);
        }
    }

    /**
     * Parses {@code args}, starts the member and blocks until {@code stop} is requested; the testable heart of
     * {@link #main}.
     *
     * @return the exit code: {@link ExitCodes#OK} after a requested stop, else the reason it did not run
     */
    static int run(String[] args, PrintWriter out, PrintWriter err, Map<String, String> env, StopSignal stop) {
        int code = ExitCodes.FAILED;
        try {
            CommandLine cli = new CommandLine(new NodeLauncher(env, stop));
            cli.setOut(out);
            cli.setErr(err);
            code = cli.execute(args);
            return code;
        } finally {
            out.flush();
            err.flush();
            stop.markFinished(code); // Also when parsing failed: a shutdown hook must not wait for nothing.
        }
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ClusterConfig cluster;
        int memberId;
        AdminSettings admin;
        Optional<InetSocketAddress> adminAddress;
        RaftNode<?, ?> node;
        try {
            NodeFile file = ClusterFile.loadWithAdmin(config, env);
            cluster = file.cluster();
            memberId = memberId(cluster);
            admin = adminPort == null ? file.admin() : file.admin().withPort(adminPort);
            adminAddress = admin.address(memberId);
        } catch (UsageException e) {
            return usageError(err, e);
        } catch (ConfigurationException | IllegalArgumentException e) {
            return usageError(err, new UsageException(e.getMessage(), e));
        }
        // The member's meters go to the registry the admin endpoints serve, bound as the member starts.
        PrometheusMeterRegistry registry = NodeAdmin.registry();
        MetricsRecorder meters = adminAddress.isPresent() ? NodeAdmin.memberMeters(registry, cluster.clusterId())
                : MetricsRecorder.NONE;
        try {
            node = ConfiguredMember.start(cluster, memberId, new Plugins(), join, meters);
        } catch (UsageException e) {
            return usageError(err, e);
        } catch (RuntimeException e) {
            LOG.debug("Member {} failed to start", memberId, e);
            err.println("graft-node: member " + memberId + " could not start: " + describe(e));
            return ExitCodes.FAILED;
        }
        NodeAdmin adminEndpoints;
        try {
            adminEndpoints = NodeAdmin.start(adminAddress, node, cluster.clusterId(), admin.readyMaxApplyLag(),
                    registry);
        } catch (UncheckedIOException e) {
            node.close();
            err.println("graft-node: member " + memberId + " could not start: " + e.getMessage());
            return ExitCodes.FAILED;
        }
        // A member that stops by itself (one of its threads failed) ends the wait as a stop request would.
        node.whenStopped().thenRun(stop::requestStop);
        try {
            adminEndpoints.url().ifPresent(url -> out.println("graft node " + memberId + ADMIN + url));
            out.println(startedLine(cluster, memberId) + (join ? "; joining: waits for the leader to add it"
                    + " (unless its log already holds a membership)" : ""));
            out.flush();
            stop.awaitRequest();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // Treated as a stop request.
        } finally {
            LOG.info("Stopping member {}", memberId);
            adminEndpoints.close();
            node.close();
        }
        Optional<Throwable> failure = node.failure();
        if (failure.isPresent()) {
            err.println("graft-node: member " + memberId + " stopped by itself: " + failure.get()
                    + "; it released its port and data directory, so it can be started again (its log says more)");
            err.flush();
            return ExitCodes.MEMBER_FAILED;
        }
        out.println("graft node " + memberId + STOPPED);
        out.flush();
        return ExitCodes.OK;
    }

    private static int usageError(PrintWriter err, UsageException e) {
        err.println("graft-node: " + e.getMessage());
        err.println("Run with --help for usage.");
        return ExitCodes.USAGE;
    }

    /** The member id from {@code --id} or the environment, checked against the cluster. */
    private int memberId(ClusterConfig cluster) {
        int chosen;
        String source;
        if (id != null) {
            chosen = id;
            source = "--id";
        } else {
            String value = env.get(ID_ENV);
            if (value == null || value.isBlank()) {
                throw new UsageException("no member id: pass --id N or set " + ID_ENV + "=N; the members are "
                        + members(cluster));
            }
            try {
                chosen = Integer.parseInt(value.trim());
            } catch (NumberFormatException e) {
                throw new UsageException(ID_ENV + " must be a member id (an integer), got '" + value
                        + "'; the members are " + members(cluster), e);
            }
            source = ID_ENV;
        }
        if (!cluster.members().containsKey(chosen)) {
            throw new UsageException("member " + chosen + " (from " + source + ") is not in the cluster; the members"
                    + " are " + members(cluster));
        }
        return chosen;
    }

    private static String members(ClusterConfig cluster) {
        return cluster.members().values().stream().map(m -> m.id() + " (" + m.address() + ")")
                .collect(Collectors.joining(", "));
    }

    /** One line saying what runs where, for the operator and for scripts waiting for the start. */
    static String startedLine(ClusterConfig cluster, int memberId) {
        Member me = cluster.member(memberId);
        // Graft keeps each member's log in dataDir/member-<id>; show the directory actually used.
        String data = cluster.dataDir()
                .map(d -> d.resolve("member-" + memberId).toAbsolutePath().normalize().toString())
                .orElse("none (memory only: a restart forgets the log)");
        return "graft node " + memberId + STARTED + "address " + me.address() + ", transport " + cluster.transport()
                + ", state machine " + cluster.stateMachine() + ", codec " + cluster.codec() + ", data dir " + data
                + ", cluster " + cluster.clusterId() + " (members " + members(cluster) + ")";
    }

    private static String describe(Throwable e) {
        StringBuilder s = new StringBuilder(String.valueOf(e.getMessage()));
        for (Throwable c = e.getCause(); c != null && c != c.getCause(); c = c.getCause()) {
            if (c.getMessage() != null && !s.toString().contains(c.getMessage())) {
                s.append(": ").append(c.getMessage());
            }
        }
        return s.toString();
    }
}
