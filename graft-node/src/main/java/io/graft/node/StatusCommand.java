package io.graft.node;

import io.graft.api.CodecException;
import io.graft.api.config.ClusterConfig;
import io.graft.api.config.ConfigurationException;
import io.graft.api.transport.ClientTransport;
import io.graft.core.plugin.Plugins;
import io.graft.examples.kv.KvCommand;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/**
 * {@code status}: asks every member directly (see {@link StatusProbe}) and prints one line per member: its
 * address, its answer (leader, follower naming the leader, or no answer) and how long it took.
 */
@Command(name = "status", description = {
        "Shows which member leads, and how fast each member answers.",
        "Every member is asked to read the key '" + StatusCommand.PROBE_KEY + "'. Prints per member whether",
        "it answered as leader (it committed the read), as a follower (naming the leader), or not",
        "at all, with the time it took. Exits with 0 when a leader answered, 3 when none did."})
final class StatusCommand implements Callable<Integer> {
    /** The key the probe reads; reading it changes nothing. */
    static final String PROBE_KEY = "graft.status.probe";

    @ParentCommand
    private GraftCli cli;

    @Override
    public Integer call() {
        PrintWriter out = cli.spec.commandLine().getOut();
        PrintWriter err = cli.spec.commandLine().getErr();
        ClusterConfig cluster;
        byte[] probe;
        ClientTransport transport;
        try {
            cluster = cli.cluster();
            probe = encodeProbe(cluster);
            transport = clientTransport(cluster);
        } catch (UsageException e) {
            return GraftCli.usageError(err, e);
        }
        List<MemberAnswer> answers;
        try (transport) {
            answers = StatusProbe.probe(cluster, transport, probe, cli.timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println("graft-cli: interrupted");
            return ExitCodes.FAILED;
        }
        int width = answers.stream().mapToInt(a -> a.member().address().length()).max().orElse(0);
        for (MemberAnswer a : answers) {
            String latency = a.status().isPresent() ? String.format(Locale.ROOT, "%.1f ms", a.latency().toNanos() / 1e6) : "";
            out.println(String.format("member %d  %-" + width + "s  %-32s %s", a.member().id(),
                    a.member().address(), a.describe(cli.timeout), latency).stripTrailing());
        }
        Optional<MemberAnswer> leader = answers.stream().filter(MemberAnswer::leads).findFirst();
        if (leader.isPresent()) {
            out.println("leader: member " + leader.get().member().id());
            return ExitCodes.OK;
        }
        err.println("graft-cli: no member answered as leader within " + GraftCli.describe(cli.timeout)
                + "; is a majority of the members running and reachable?");
        return ExitCodes.UNREACHABLE;
    }

    private static byte[] encodeProbe(ClusterConfig cluster) {
        try {
            return KvCodecs.of(cluster, new Plugins()).commands().encode(KvCommand.get(PROBE_KEY));
        } catch (CodecException e) {
            throw new UsageException("the codec '" + cluster.codec() + "' cannot encode a read: " + e.getMessage(), e);
        }
    }

    private static ClientTransport clientTransport(ClusterConfig cluster) {
        try {
            return new Plugins().transport(cluster.transport()).createClient(cluster.transportOptions());
        } catch (ConfigurationException e) {
            throw new UsageException(e.getMessage(), e);
        } catch (UnsupportedOperationException e) {
            throw new UsageException("the transport '" + cluster.transport() + "' serves no remote clients ("
                    + e.getMessage() + ")", e);
        }
    }
}
