package io.graft.testkit.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/**
 * Measures the raw fsync rate of a directory's device: append a small record, then
 * {@code FileChannel.force(false)}, in a loop for a few seconds. This bounds what any durable log can do
 * per member with one sync per write; group commit is how Graft goes faster than this.
 *
 * <p>Usage: {@code FsyncRate [directory (default: a temp dir)] [seconds (default 3)] [bytes per write (default 64)]}
 */
public final class FsyncRate {
    private FsyncRate() {
    }

    public static void main(String[] args) throws IOException {
        boolean temporary = args.length == 0;
        Path dir = temporary ? Files.createTempDirectory("graft-fsync") : Path.of(args[0]);
        double seconds = args.length > 1 ? Double.parseDouble(args[1]) : 3;
        int bytes = args.length > 2 ? Integer.parseInt(args[2]) : 64;
        Path file = Files.createTempFile(dir, "fsync-rate", ".bin");
        long[] latencies = new long[1 << 22];
        int n = 0;
        ByteBuffer record = ByteBuffer.allocateDirect(bytes);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
            long start = System.nanoTime();
            long end = start + (long) (seconds * 1e9);
            long now = start;
            while (now < end && n < latencies.length) {
                record.clear();
                channel.write(record);
                channel.force(false);
                long after = System.nanoTime();
                latencies[n++] = after - now;
                now = after;
            }
            double elapsed = (now - start) / 1e9;
            Arrays.sort(latencies, 0, n);
            System.out.printf("fsync rate in %s: %d writes of %d B + force(false) in %.2f s = %.0f fsyncs/s;"
                            + " latency p50 %.3f ms, p99 %.3f ms, max %.3f ms%n", dir, n, bytes, elapsed, n / elapsed,
                    latencies[n / 2] / 1e6, latencies[(int) (n * 0.99)] / 1e6, latencies[n - 1] / 1e6);
        } finally {
            Files.deleteIfExists(file);
            if (temporary) {
                Files.deleteIfExists(dir);
            }
        }
    }
}
