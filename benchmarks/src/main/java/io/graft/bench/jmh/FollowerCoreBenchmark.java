package io.graft.bench.jmh;

import io.graft.core.internal.protocol.AppendRequest;
import io.graft.core.internal.raft.RaftConfig;
import io.graft.core.internal.raft.RaftCore;
import io.graft.core.internal.raft.Ready;
import io.graft.core.storage.StoredState;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
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
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * A follower's {@link RaftCore} (no threads, no I/O) handling one AppendEntries of 1, 64 or 1024 16-byte
 * entries: step the request, collect the {@link Ready} (entries to persist, acknowledgement, committed
 * entries), and report the write durable. Entries per second = operations per second x entries. The log is
 * compacted every 64k entries, as snapshots would do, so memory stays flat.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g", "-XX:+UseG1GC"})
public class FollowerCoreBenchmark {
    private static final long TERM = 1;
    private static final long COMPACT_EVERY = 1 << 16;

    @Param({"1", "64", "1024"})
    int entries;

    private RaftCore core;
    private byte[] payload;
    private long last;
    private long lastCompaction;

    @Setup
    public void setUp() {
        core = new RaftCore(RaftConfig.of(2, new int[] {1, 2, 3}, 1000, 100), StoredState.EMPTY,
                new SplittableRandom(42), 0);
        payload = Payloads.command();
        last = 0;
        lastCompaction = 0;
    }

    /** One AppendEntries from the leader (member 1), committing everything sent before it. */
    @Benchmark
    public void appendEntries(Blackhole bh) {
        AppendRequest request = new AppendRequest(1, 2, TERM, last, last == 0 ? 0 : TERM, last,
                Payloads.entries(last + 1, TERM, entries, payload));
        core.step(request);
        Ready ready = core.ready();
        last += entries;
        core.persisted(last, TERM);
        bh.consume(ready);
        bh.consume(core.ready()); // The round after persistence hands the committed entries over.
        if (last - lastCompaction >= COMPACT_EVERY) {
            core.snapshotTaken(last - entries, TERM);
            lastCompaction = last;
        }
    }
}
