package io.graft.bench.jmh;

import io.graft.core.storage.LogEntry;
import io.graft.core.storage.file.FileLogOptions;
import io.graft.core.storage.file.FileLogStorage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The file log's group commit: one operation appends a batch of 16-byte entries and syncs, with fsync on
 * (durable) or off (page cache only). Entries per second = operations per second x batch. Old segments are
 * deleted as the log grows (as snapshots would allow), so the benchmark does not fill the disk.
 *
 * <p>The log lives under {@code java.io.tmpdir}; point it at the disk you care about with
 * {@code -jvmArgsAppend -Djava.io.tmpdir=/path}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g", "-XX:+UseG1GC"})
public class LogAppendBenchmark {

    @Param({"true", "false"})
    boolean fsync;

    @Param({"1", "64", "1024"})
    int batch;

    private Path dir;
    private FileLogStorage log;
    private byte[] payload;
    private long next;

    @Setup
    public void setUp() throws IOException {
        dir = Files.createTempDirectory("graft-logbench-");
        log = FileLogStorage.open(dir, FileLogOptions.of("bench", 1).withFsync(fsync).withSegmentSizeBytes(16 << 20));
        log.load();
        payload = Payloads.command();
        next = 1;
    }

    @TearDown
    public void tearDown() throws IOException {
        log.close();
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    /** Appends {@code batch} entries and makes them durable (or not, without fsync). */
    @Benchmark
    public long appendAndSync() {
        List<LogEntry> entries = Payloads.entries(next, 1, batch, payload);
        log.append(entries);
        log.sync();
        next += batch;
        log.compactPrefix(next - 1); // Keeps only the newest segment; a no-op until a segment fills.
        return next;
    }
}
