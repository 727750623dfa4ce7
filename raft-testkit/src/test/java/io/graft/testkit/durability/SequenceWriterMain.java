package io.graft.testkit.durability;

import io.graft.api.NodeStatus;
import io.graft.api.RaftNode;
import io.graft.api.config.ClusterConfig;
import io.graft.core.Graft;
import io.graft.core.storage.file.FileLogOptions;
import io.graft.core.storage.file.FileLogStorage;
import io.graft.transport.inmemory.InMemoryNetwork;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Run in a child JVM by {@link KillNineTest}, which kills it with SIGKILL at random points. Starts a cluster of
 * {@code members} members in this JVM (in-memory transport; each with a file log in
 * {@code dataRoot/member-<id>}), waits until the leader has re-applied everything its log holds, and prints
 * {@code RECOVERED <count> <number>...}: the numbers the state machine applied, in order. It then submits
 * the next numbers, {@code count + 1} onwards, keeping up to {@code inFlight} pending, and prints
 * {@code ACK <n>} (flushed) as soon as each one's future completes. If a command fails (possible only when
 * leadership moves) it prints {@code STOPPED <n> <reason>} and submits nothing more, so that the numbers
 * in the log stay consecutive. Logs (WARN and above) go to standard error.
 *
 * <p>Arguments: {@code dataRoot members inFlight electionTimeoutMillis}.
 */
public final class SequenceWriterMain {
    /** The cluster id in the data directories. */
    static final String CLUSTER_ID = "kill9";
    /** Small segments, so that kills also land around segment rolls. */
    static final long SEGMENT_BYTES = 32 << 10;

    private SequenceWriterMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        Path dataRoot = Path.of(args[0]);
        int members = Integer.parseInt(args[1]);
        int inFlight = Integer.parseInt(args[2]);
        Duration electionTimeout = Duration.ofMillis(Long.parseLong(args[3]));
        ClusterConfig.Builder cb = ClusterConfig.builder().clusterId(CLUSTER_ID).electionTimeout(electionTimeout)
                .heartbeatInterval(electionTimeout.dividedBy(5));
        for (int id = 1; id <= members; id++) {
            cb.member(id, "node-" + id, 7400 + id);
        }
        ClusterConfig config = cb.build();
        InMemoryNetwork network = InMemoryNetwork.builder().build();
        List<RaftNode<Long, Long>> nodes = new ArrayList<>();
        List<SequenceStateMachine> machines = new ArrayList<>();
        for (int id = 1; id <= members; id++) {
            SequenceStateMachine machine = new SequenceStateMachine();
            FileLogStorage storage = FileLogStorage.open(dataRoot.resolve("member-" + id),
                    FileLogOptions.of(CLUSTER_ID, id).withSegmentSizeBytes(SEGMENT_BYTES));
            machines.add(machine);
            nodes.add(Graft.node(config, id, machine, SequenceStateMachine.CODEC)
                    .transport(network.transport(id))
                    .storage(storage).start());
        }
        int leader = awaitReplayedLeader(nodes);
        List<Long> recovered = machines.get(leader).applied();
        PrintStream out = System.out;
        StringBuilder line = new StringBuilder("RECOVERED ").append(recovered.size());
        recovered.forEach(n -> line.append(' ').append(n));
        out.println(line);
        out.flush();
        writeForever(nodes.get(leader), recovered.size() + 1L, inFlight, out);
    }

    /**
     * Waits for a leader that has applied its whole log, including the entry of its own term that commits
     * all earlier ones; returns its position in {@code nodes}.
     */
    private static int awaitReplayedLeader(List<RaftNode<Long, Long>> nodes) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            for (int i = 0; i < nodes.size(); i++) {
                NodeStatus s = nodes.get(i).status();
                // A new leader's last entry is the no-op of its term, so applying up to it replays everything.
                if (s.isLeader() && s.commitIndex() >= s.lastLogIndex() && s.appliedIndex() >= s.lastLogIndex()) {
                    return i;
                }
            }
            Thread.sleep(1);
        }
        throw new IllegalStateException("no leader replayed its log within 60 s");
    }

    private static void writeForever(RaftNode<Long, Long> leader, long first, int inFlight, PrintStream out)
            throws InterruptedException {
        Semaphore window = new Semaphore(inFlight);
        Object printLock = new Object();
        boolean[] stopped = {false};
        for (long n = first; ; n++) {
            window.acquire();
            synchronized (printLock) {
                if (stopped[0]) {
                    break;
                }
            }
            long number = n;
            leader.submit(number).whenComplete((result, failure) -> {
                synchronized (printLock) {
                    if (failure == null) {
                        out.println("ACK " + number); // Even after a failure: every acknowledgement is a promise.
                    } else if (!stopped[0]) {
                        stopped[0] = true;
                        out.println("STOPPED " + number + " " + failure);
                    }
                    out.flush();
                }
                window.release();
            });
        }
        Thread.sleep(Long.MAX_VALUE); // Wait for the kill.
    }
}
