package io.graft.bench.jmh;

import io.graft.core.storage.LogEntry;
import java.util.ArrayList;
import java.util.List;

/** Test data shared by the benchmarks: 16-byte commands, as in the targets. */
final class Payloads {
    /** The command size the targets are stated for. */
    static final int COMMAND_BYTES = 16;

    private Payloads() {
    }

    /** A 16-byte command. */
    static byte[] command() {
        byte[] b = new byte[COMMAND_BYTES];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) ('a' + i);
        }
        return b;
    }

    /** {@code count} command entries of {@code term} from index {@code first}, sharing one payload. */
    static List<LogEntry> entries(long first, long term, int count, byte[] payload) {
        List<LogEntry> entries = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            entries.add(LogEntry.command(first + i, term, payload));
        }
        return entries;
    }

    /** {@code count} copies of {@code payload}, as a proposal batch. */
    static List<byte[]> batch(int count, byte[] payload) {
        List<byte[]> batch = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            batch.add(payload);
        }
        return batch;
    }
}
