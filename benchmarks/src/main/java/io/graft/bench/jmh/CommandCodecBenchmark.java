package io.graft.bench.jmh;

import io.graft.api.Codec;
import io.graft.codec.kryo.KryoCodec;
import io.graft.examples.kv.KvBinaryCodec;
import io.graft.examples.kv.KvCommand;
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
 * A user codec's cost per command, paid on submit (encode) and on every member's apply (decode): the Kryo
 * codec against the hand-written {@code kv-binary} codec, for a {@code KvCommand.put} of a short key and a
 * 16-byte value.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g", "-XX:+UseG1GC"})
public class CommandCodecBenchmark {

    @Param({"kryo", "kv-binary"})
    String codecName;

    private Codec<KvCommand> codec;
    private KvCommand command;
    private byte[] encoded;

    @Setup
    public void setUp() {
        codec = codecName.equals("kryo")
                ? KryoCodec.builder(KvCommand.class).discoverRegistrars(false).build()
                : KvBinaryCodec.commands();
        command = KvCommand.put("user:1234", "0123456789abcdef");
        encoded = codec.encode(command);
    }

    @Benchmark
    public byte[] encode() {
        return codec.encode(command);
    }

    @Benchmark
    public KvCommand decode() {
        return codec.decode(encoded);
    }
}
