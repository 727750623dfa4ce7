package io.graft.bench.load;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The load generator's handle on one member running in a child JVM ({@link ChildMemberMain}): starts the
 * process, asks it for its applied state and resource use, and stops it. Requests are answered in order, one
 * at a time, each within a deadline, so a hung child fails the run instead of hanging it. The child's
 * standard error (its log) goes to the load generator's.
 */
final class ChildMember {
    private static final Logger LOG = LoggerFactory.getLogger(ChildMember.class);
    private static final Duration REPLY_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration EXIT_TIMEOUT = Duration.ofSeconds(10);
    /** What the reader thread queues when the child's standard output ends. */
    private static final String END = "\u0000end";

    private final int memberId;
    private final Process process;
    private final Writer requests;
    private final BlockingQueue<String> replies = new LinkedBlockingQueue<>();
    /** Why requests can no longer be matched with replies (a reply came too late), or {@code null}. */
    private volatile String broken;

    private ChildMember(int memberId, Process process) {
        this.memberId = memberId;
        this.process = process;
        this.requests = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        Thread reader = new Thread(this::readReplies, "bench-child-" + memberId + "-stdout");
        reader.setDaemon(true);
        reader.start();
    }

    /**
     * Starts a JVM running member {@code spec.memberId()}; it is ready once {@link #awaitReady} returns.
     *
     * @throws BenchClusterException if the process cannot be started
     */
    static ChildMember spawn(ChildSpec spec) {
        List<String> command = new ArrayList<>(ChildJvm.command(ChildMemberMain.class));
        command.addAll(spec.toArgs());
        LOG.debug("starting member {}: {}", spec.memberId(), command);
        try {
            Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
            ChildReaper.watch(p);
            return new ChildMember(spec.memberId(), p);
        } catch (IOException e) {
            throw new BenchClusterException("cannot start a JVM for member " + spec.memberId() + " (" + command.get(0)
                    + "): " + e.getMessage(), e);
        }
    }

    int memberId() {
        return memberId;
    }

    /** The child's process id (for tests and logs). */
    long pid() {
        return process.pid();
    }

    /** Waits until the member has started (a JVM start takes a second or more on a busy machine). */
    void awaitReady(Duration timeout) {
        String reply = nextReply(timeout, "start");
        if (!reply.equals(ChildProtocol.READY)) {
            throw new BenchClusterException("member " + memberId + " answered '" + reply + "' instead of starting");
        }
    }

    /** What the member has applied. */
    synchronized AppliedState state() {
        return ChildProtocol.parseState(request(ChildProtocol.STATE, REPLY_TIMEOUT));
    }

    /** The process's resource use so far. */
    synchronized ChildUsage usage() {
        return ChildProtocol.parseUsage(request(ChildProtocol.USAGE, REPLY_TIMEOUT));
    }

    /**
     * Asks the member, if it leads, to hand leadership to {@code target}, and waits for the outcome, which the
     * child awaits for {@code timeout} ({@link ChildProtocol#transferWait}).
     *
     * @return empty if it did, else why not (e.g. it no longer leads)
     */
    synchronized Optional<String> transferLeadership(int target, Duration timeout) {
        String reply = request(ChildProtocol.TRANSFER + " " + target, timeout.plus(REPLY_TIMEOUT));
        return reply.equals(ChildProtocol.OK) ? Optional.empty() : Optional.of(reply);
    }

    /** Asks the child to close its member and exit; {@link #awaitExit} then waits for it. */
    synchronized void requestExit() {
        try {
            send(ChildProtocol.EXIT);
            requests.close();
        } catch (IOException e) {
            LOG.debug("member {} was already gone: {}", memberId, e.toString());
        }
    }

    /** Waits for the child to exit after {@link #requestExit}, killing it if it does not in time. */
    void awaitExit() {
        try {
            if (!process.waitFor(EXIT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warn("member {} (pid {}) did not exit within {} s; killing it", memberId, process.pid(),
                        EXIT_TIMEOUT.toSeconds());
                process.destroyForcibly().waitFor(EXIT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        } finally {
            if (!process.isAlive()) {
                ChildReaper.forget(process);
            }
        }
    }

    private String request(String request, Duration timeout) {
        if (!process.isAlive()) {
            throw ended(request);
        }
        try {
            send(request);
        } catch (IOException e) {
            throw process.isAlive() ? new BenchClusterException("cannot reach member " + memberId + ": " + e, e)
                    : ended(request);
        }
        return nextReply(timeout, request);
    }

    private BenchClusterException ended(String request) {
        return new BenchClusterException("member " + memberId + "'s process ended" + exitDescription()
                + " before answering '" + request + "'; its log above says why");
    }

    private void send(String request) throws IOException {
        requests.write(request);
        requests.write('\n');
        requests.flush();
    }

    private String nextReply(Duration timeout, String what) {
        if (broken != null) {
            throw new BenchClusterException(broken);
        }
        String reply;
        try {
            reply = replies.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BenchClusterException("interrupted waiting for member " + memberId);
        }
        if (reply == null) {
            broken = "member " + memberId + " (pid " + process.pid() + ") did not answer '" + what + "' within "
                    + timeout.toSeconds() + " s";
            throw new BenchClusterException(broken);
        }
        if (reply.equals(END)) {
            replies.add(END); // Every later request fails the same way.
            throw ended(what);
        }
        return reply;
    }

    private String exitDescription() {
        try {
            if (process.waitFor(1, TimeUnit.SECONDS)) {
                return " (exit code " + process.exitValue() + ")";
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return "";
    }

    /** Runs on the reader thread: queues reply lines, logs anything else the child prints. */
    private void readReplies() {
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                if (line.startsWith(ChildProtocol.REPLY_PREFIX)) {
                    replies.add(line.substring(ChildProtocol.REPLY_PREFIX.length()));
                } else {
                    LOG.info("member {} printed: {}", memberId, line);
                }
            }
        } catch (IOException e) {
            LOG.debug("reading member {}'s output failed: {}", memberId, e.toString());
        } finally {
            replies.add(END);
        }
    }
}
