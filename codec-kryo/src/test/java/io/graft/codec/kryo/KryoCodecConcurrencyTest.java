package io.graft.codec.kryo;

import io.graft.codec.kryo.TestTypes.Command;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static io.graft.codec.kryo.DeepEquality.assertDeepEquals;
import static org.assertj.core.api.Assertions.assertThat;

/** Many client threads encode while an apply thread decodes, as in a running node, through one codec. */
class KryoCodecConcurrencyTest {
    private static final int CLIENTS = 8;
    private static final int OPS_PER_CLIENT = 3_000;

    private record Encoded(Command value, byte[] bytes) {
    }

    @Test
    void clientThreadsAndAnApplyThreadShareOneCodecSafely() throws Exception {
        KryoCodec<Command> codec = KryoCodec.builder(Command.class).build();
        BlockingQueue<Encoded> log = new LinkedBlockingQueue<>();
        ExecutorService pool = Executors.newFixedThreadPool(CLIENTS + 1);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<Integer>> clients = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                long seed = 1000 + c;
                clients.add(pool.submit(() -> {
                    ValueGenerator gen = new ValueGenerator(seed, 512);
                    start.await();
                    for (int i = 0; i < OPS_PER_CLIENT; i++) {
                        Command command = gen.command(0);
                        byte[] bytes = codec.encode(command);
                        assertDeepEquals(command, codec.decode(bytes)); // a client reading its own bytes
                        log.add(new Encoded(command, bytes));
                    }
                    return OPS_PER_CLIENT;
                }));
            }
            Future<Integer> applier = pool.submit(() -> {
                start.await();
                int applied = 0;
                while (applied < CLIENTS * OPS_PER_CLIENT) {
                    Encoded e = log.poll(30, TimeUnit.SECONDS);
                    assertThat(e).as("an entry within 30 s").isNotNull();
                    assertDeepEquals(e.value(), codec.decode(e.bytes()));
                    applied++;
                }
                return applied;
            });
            start.countDown();
            int encoded = 0;
            for (Future<Integer> client : clients) {
                encoded += client.get(60, TimeUnit.SECONDS);
            }
            assertThat(encoded).isEqualTo(CLIENTS * OPS_PER_CLIENT);
            assertThat(applier.get(60, TimeUnit.SECONDS)).isEqualTo(CLIENTS * OPS_PER_CLIENT);
        } finally {
            pool.shutdownNow();
        }
    }
}
