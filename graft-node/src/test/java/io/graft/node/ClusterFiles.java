package io.graft.node;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/** Writes cluster files for tests. */
final class ClusterFiles {
    private ClusterFiles() {
    }

    /** Writes {@code yaml} to {@code dir/name} and returns its path. */
    static Path write(Path dir, String name, String yaml) {
        try {
            return Files.writeString(dir.resolve(name), yaml);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A key-value cluster on the in-memory transport's network {@code network}, one member per id (ports are
     * never opened: the in-memory transport only needs distinct ids).
     */
    static String inMemoryKv(String network, List<Integer> ids) {
        return inMemory(network, ids, "kv", "kv-binary");
    }

    /**
     * A cluster of the {@link CounterProvider counter} state machine, which is not the key-value example, on the
     * in-memory network {@code network}.
     */
    static String inMemoryCounter(String network, List<Integer> ids) {
        return inMemory(network, ids, CounterProvider.NAME, CounterCodecProvider.NAME);
    }

    private static String inMemory(String network, List<Integer> ids, String stateMachine, String codec) {
        return "electionTimeout: 100\n"
                + "transport: inmemory\n"
                + "transportOptions:\n"
                + "  network: " + network + "\n"
                + "stateMachine: " + stateMachine + "\n"
                + "codec: " + codec + "\n"
                + "configuration:\n"
                + ids.stream().map(id -> "  " + id + ": 127.0.0.1:" + (7400 + id)).collect(Collectors.joining("\n"))
                + "\n";
    }
}
