package io.graft.bench.jmh;

import io.graft.core.internal.protocol.AppendResponse;
import io.graft.core.internal.protocol.VoteResponse;
import io.graft.core.internal.raft.RaftConfig;
import io.graft.core.internal.raft.RaftCore;
import io.graft.core.internal.raft.Ready;
import io.graft.core.storage.StoredState;
import java.util.List;
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
 * A leader's {@link RaftCore} of a 3-member cluster (no threads, no I/O) replicating one proposal batch of
 * 1, 64 or 1024 16-byte commands: propose, collect the {@link Ready} (two AppendEntries, entries to
 * persist), report the local write durable, handle both followers' acknowledgements, and collect the
 * committed entries. Commands per second = operations per second x batch.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g", "-XX:+UseG1GC"})
public class LeaderCoreBenchmark {
    private static final long COMPACT_EVERY = 1 << 16;

    @Param({"1", "64", "1024"})
    int batch;

    private RaftCore core;
    private List<byte[]> proposal;
    private long term;
    private long lastCompaction;

    @Setup
    public void setUp() {
        core = new RaftCore(RaftConfig.of(1, new int[] {1, 2, 3}, 1000, 100), StoredState.EMPTY,
                new SplittableRandom(42), 0);
        electSelf();
        proposal = Payloads.batch(batch, Payloads.command());
        lastCompaction = core.lastIndex();
    }

    /** Runs the election by hand: time out, win the pre-vote, win the vote, replicate the no-op. */
    private void electSelf() {
        core.tick(10_000);
        core.ready();
        core.step(new VoteResponse(2, 1, 1, true, true));
        core.ready();
        core.step(new VoteResponse(2, 1, 1, true, false));
        if (!core.role().equals(io.graft.api.Role.LEADER)) {
            throw new IllegalStateException("the benchmark's leader failed to get elected: " + core);
        }
        term = core.term();
        core.ready();
        long noop = core.lastIndex();
        core.persisted(noop, term);
        core.step(new AppendResponse(2, 1, term, true, noop, 0, 0));
        core.step(new AppendResponse(3, 1, term, true, noop, 0, 0));
        core.ready();
    }

    /** One proposal batch, from proposal to commit. */
    @Benchmark
    public void proposeAndCommit(Blackhole bh) {
        long first = core.propose(proposal);
        Ready sent = core.ready();
        long last = first + batch - 1;
        core.persisted(last, term);
        core.step(new AppendResponse(2, 1, term, true, last, 0, 0));
        core.step(new AppendResponse(3, 1, term, true, last, 0, 0));
        Ready committed = core.ready();
        bh.consume(sent);
        bh.consume(committed);
        if (last - lastCompaction >= COMPACT_EVERY) {
            core.snapshotTaken(last, term);
            lastCompaction = last;
        }
    }
}
