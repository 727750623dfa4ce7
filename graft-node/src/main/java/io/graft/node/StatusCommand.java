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
 * {@code status}: asks every member directly (see {@link StatusProbe}) and prints one line per member as soon as
 * its answer is final: its address, its answer (leader, follower naming the leader, or no answer) and how long it
 * took. It waits, within {@code --timeout}, for an election when no leader is known yet.
 */
@Command(name = "status", description = {
        "Shows which member leads, and how fast each member answers.",
        "Every member is asked at once to read the key '" + StatusCommand.PROBE_KEY + "' (which changes nothing)."
                + " A line is printed for each member as soon as its answer is final: the leader (it committed the"
                + " read), a follower naming that leader, or a member that did not answer.",
        "When no leader is elected yet (the members have just started, or the leader crashed), status waits for"
                + " an election, up to --timeout. A member that does not answer is reported once the leader"
                + " answered and two election timeouts (at least 1 s) have passed.",
        "Exits with 0 when a leader answered, 3 when none did within --timeout."})
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
        int width = cluster.members().values().stream().mapToInt(m -> m.address().length()).max().orElse(0);
        List<MemberAnswer> answers;
        try (transport) {
            answers = StatusProbe.probe(cluster, transport, probe, cli.timeout, a -> {
                out.println(line(a, width));
                out.flush();
            });
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println("graft-cli: interrupted");
            return ExitCodes.FAILED;
        }
        Optional<MemberAnswer> leader = answers.stream().filter(MemberAnswer::leads).findFirst();
        if (leader.isPresent()) {
            out.println("leader: member " + leader.get().member().id());
            return ExitCodes.OK;
        }
        err.println("graft-cli: no member answered as leader within " + GraftCli.describe(cli.timeout)
                + ": no leader is elected yet, or a majority of the members is not running and reachable");
        return ExitCodes.UNREACHABLE;
    }

    /** One member's line: id, address, answer, and (if it answered) how long the answer took. */
    private static String line(MemberAnswer a, int width) {
        String latency = a.status().isPresent()
                ? String.format(Locale.ROOT, "%.1f ms", a.latency().toNanos() / 1e6) : "";
        return String.format("member %d  %-" + width + "s  %-32s %s", a.member().id(), a.member().address(),
                a.describe(), latency).stripTrailing();
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
