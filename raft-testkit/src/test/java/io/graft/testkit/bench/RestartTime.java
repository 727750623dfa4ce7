package io.graft.testkit.bench;

import io.graft.api.NodeStatus;
import io.graft.api.RaftNode;
import io.graft.api.config.ClusterConfig;
import io.graft.core.Graft;
import io.graft.core.codec.BuiltinCodecs;
import io.graft.core.storage.HardState;
import io.graft.core.storage.LogEntry;
import io.graft.core.storage.StoredState;
import io.graft.core.storage.file.FileLogOptions;
import io.graft.core.storage.file.FileLogStorage;
import io.graft.transport.inmemory.InMemoryNetwork;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * How long a member takes to come back with a large log: writes {@code entries} command entries (default
 * one million) to a file log, then measures opening and loading it alone, and a whole single-member node
 * start: {@code start()} returning (open, load, the core and its threads starting), the member electing
 * itself, and the state machine re-applying every entry (there is no snapshot).
 *
 * <p>Usage: {@code RestartTime [entries (default 1000000)] [payload bytes (default 64)] [data directory
 * (default: a temp dir, deleted after)]}
 */
public final class RestartTime {
    private static final String CLUSTER_ID = "restart-time";

    private RestartTime() {
    }

    public static void main(String[] args) throws Exception {
        int entries = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int payloadBytes = args.length > 1 ? Integer.parseInt(args[1]) : 64;
        boolean temporary = args.length < 3;
        Path root = temporary ? Files.createTempDirectory("graft-restart") : Path.of(args[2]);
        ClusterConfig config = ClusterConfig.builder().member(1, "node-1", 7401).dataDir(root).clusterId(CLUSTER_ID)
                .fsync(true).build();
        Path dir = root.resolve("member-1");
        FileLogOptions options = FileLogOptions.of(CLUSTER_ID, 1);
        try {
            long t0 = System.nanoTime();
            try (FileLogStorage log = FileLogStorage.open(dir, options)) {
                log.load();
                log.saveHardState(new HardState(1, 1));
                byte[] payload = new byte[payloadBytes];
                List<LogEntry> batch = new ArrayList<>();
                for (long i = 1; i <= entries; i++) {
                    batch.add(LogEntry.command(i, 1, payload));
                    if (batch.size() == 4096 || i == entries) {
                        log.append(batch);
                        batch.clear();
                    }
                }
                log.sync();
            }
            System.out.printf("wrote %,d entries of %d bytes (%,d bytes on disk) in %d ms%n", entries, payloadBytes,
                    directorySize(dir), millisSince(t0));

            for (int round = 1; round <= 3; round++) {
                long open = System.nanoTime();
                int loaded;
                long openMs;
                try (FileLogStorage log = FileLogStorage.open(dir, options)) {
                    openMs = millisSince(open);
                    StoredState state = log.load();
                    loaded = state.entries().size();
                }
                long loadMs = millisSince(open) - openMs;

                long start = System.nanoTime();
                try (InMemoryNetwork network = InMemoryNetwork.builder().build()) {
                    RaftNode<byte[], Long> node = Graft.node(config, 1, new CountingStateMachine(), BuiltinCodecs.bytes())
                            .transport(network.transport(1)).start();
                    try {
                        long started = millisSince(start);
                        while (!node.status().isLeader()) {
                            Thread.sleep(1);
                        }
                        long leader = millisSince(start);
                        NodeStatus s = node.status();
                        while (node.status().appliedIndex() < s.lastLogIndex()) {
                            Thread.sleep(1);
                        }
                        long replayed = millisSince(start);
                        System.out.printf("round %d: open %d ms + load %d ms (%,d entries); node: start() %d ms,"
                                        + " leader after %d ms, all %,d entries re-applied after %d ms%n", round, openMs,
                                loadMs, loaded, started, leader, node.status().appliedIndex(), replayed);
                    } finally {
                        node.close();
                    }
                }
            }
        } finally {
            if (temporary) {
                DurableThroughput.deleteRecursively(root);
            }
        }
    }

    private static long millisSince(long nanos) {
        return (System.nanoTime() - nanos) / 1_000_000;
    }

    private static long directorySize(Path dir) throws java.io.IOException {
        try (var files = Files.list(dir)) {
            return files.mapToLong(p -> p.toFile().length()).sum();
        }
    }
}
