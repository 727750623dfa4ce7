package io.graft.bench.load;

import io.graft.api.RaftNode;
import io.graft.core.Graft;
import io.graft.core.codec.BuiltinCodecs;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The main class of a child process of {@code --transport zeromq-process}: runs one member of the benchmarked
 * cluster and answers the load generator's requests ({@link ChildProtocol}) on its standard input and output
 * until asked to exit or until its standard input ends (the load generator is gone). Started by
 * {@link ChildMember} with the arguments of a {@link ChildSpec}; not meant to be run by hand.
 */
public final class ChildMemberMain {
    private static final Logger LOG = LoggerFactory.getLogger(ChildMemberMain.class);

    private ChildMemberMain() {
    }

    public static void main(String[] args) {
        int status;
        try {
            status = run(ChildSpec.parse(List.of(args)));
        } catch (RuntimeException e) {
            LOG.error("the child member could not run: {}", e.toString(), e);
            status = 1;
        }
        // The transport's threads may not be daemons: leave explicitly once the member is closed.
        System.exit(status);
    }

    private static int run(ChildSpec spec) {
        CountingStateMachine stateMachine = new CountingStateMachine();
        BenchMetrics metrics = BenchMetrics.start(spec.metrics());
        // Handing leadership off on close would only delay the teardown of a finished run.
        RaftNode<byte[], Void> node = metrics.bind(Graft.node(spec.toConfig(), spec.memberId(), stateMachine,
                BuiltinCodecs.bytes()).resultCodec(NoResultCodec.INSTANCE).handOffLeadershipOnClose(Duration.ZERO))
                .start();
        // Standard output is the reply channel of the protocol; logs go to standard error.
        PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
        try (metrics; node;
             BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
            // Load what a usage request needs now, not when the parent starts measuring and waits for the answer.
            ProcessSample.peakRssKib();
            ProcessSample.processCpuNanos();
            reply(out, ChildProtocol.READY);
            String line;
            while ((line = in.readLine()) != null) {
                String request = line.trim();
                if (request.equals(ChildProtocol.EXIT)) {
                    break;
                }
                reply(out, answer(request, node, stateMachine, spec.electionTimeoutMillis()));
            }
        } catch (IOException e) {
            LOG.warn("member {} lost its standard input: {}", spec.memberId(), e.toString());
        }
        reply(out, ChildProtocol.BYE);
        return 0;
    }

    private static String answer(String request, RaftNode<byte[], Void> node, CountingStateMachine stateMachine,
                                 long electionTimeoutMillis) {
        if (request.equals(ChildProtocol.STATE)) {
            return ChildProtocol.state(stateMachine.state());
        }
        if (request.equals(ChildProtocol.USAGE)) {
            return ChildProtocol.usage(new ChildUsage(ProcessSample.peakRssKib(), ProcessSample.processCpuNanos()));
        }
        if (request.startsWith(ChildProtocol.TRANSFER + " ")) {
            return transfer(node, Integer.parseInt(request.substring(ChildProtocol.TRANSFER.length() + 1).trim()),
                    electionTimeoutMillis);
        }
        return ChildProtocol.ERROR + " unknown request '" + request + "'";
    }

    /** Hands leadership to {@code target}, waiting for the outcome (bounded by the transfer's own timeout). */
    private static String transfer(RaftNode<byte[], Void> node, int target, long electionTimeoutMillis) {
        try {
            node.transferLeadership(target).get(
                    ChildProtocol.transferWait(Duration.ofMillis(electionTimeoutMillis)).toMillis(), TimeUnit.MILLISECONDS);
            return ChildProtocol.OK;
        } catch (ExecutionException e) {
            return ChildProtocol.ERROR + " " + e.getCause();
        } catch (TimeoutException e) {
            return ChildProtocol.ERROR + " the transfer did not finish in time";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ChildProtocol.ERROR + " interrupted";
        }
    }

    private static void reply(PrintWriter out, String line) {
        out.println(ChildProtocol.REPLY_PREFIX + line.replace('\n', ' ').replace('\r', ' '));
    }
}
