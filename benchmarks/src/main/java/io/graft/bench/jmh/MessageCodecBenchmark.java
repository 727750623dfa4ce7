package io.graft.bench.jmh;

import io.graft.core.internal.protocol.AppendRequest;
import io.graft.core.internal.protocol.Message;
import io.graft.core.internal.protocol.MessageCodec;
import java.nio.ByteBuffer;
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

/**
 * The protocol's binary encoding of an AppendEntries carrying 1, 64 or 1024 entries of 16 bytes: what
 * every message costs on a byte-moving transport (the {@code inmemory} transport without pass-by-reference,
 * or ZeroMQ).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g", "-XX:+UseG1GC"})
public class MessageCodecBenchmark {

    @Param({"1", "64", "1024"})
    int entries;

    private AppendRequest request;
    private ByteBuffer buffer;
    private byte[] encoded;

    @Setup
    public void setUp() {
        request = new AppendRequest(1, 2, 7, 1000, 7, 999, Payloads.entries(1001, 7, entries, Payloads.command()));
        buffer = ByteBuffer.allocate(MessageCodec.encodedSize(request));
        encoded = MessageCodec.encode(request);
    }

    /** Encodes into a reused buffer (sizing included), as a transport with its own buffers would. */
    @Benchmark
    public int encodeIntoBuffer() {
        buffer.clear();
        MessageCodec.encode(request, buffer);
        return buffer.position();
    }

    /** Encodes into a new array, as the in-memory transport does for every message. */
    @Benchmark
    public byte[] encodeToNewArray() {
        return MessageCodec.encode(request);
    }

    /** Decodes and validates, allocating the message and its entries. */
    @Benchmark
    public Message decode() {
        return MessageCodec.decode(encoded);
    }
}
