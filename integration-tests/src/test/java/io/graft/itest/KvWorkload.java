package io.graft.itest;

import io.graft.api.OverloadedException;
import io.graft.api.RaftClient;
import io.graft.examples.kv.KvCommand;
import io.graft.examples.kv.KvResult;
import io.graft.testkit.history.History;
import io.graft.testkit.history.KvOp;
import io.graft.testkit.history.KvOpResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Several concurrent clients, each on its own thread with its own session, running puts, gets and
 * compare-and-sets on a few keys and recording every operation in one history. Each client has one operation
 * open at a time (a Jepsen "process"). Written values are unique, so a read names the write it saw.
 */
final class KvWorkload implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(KvWorkload.class);
    /** The mean pause between one client's operations, so a run has thousands of operations, not millions. */
    private static final long MEAN_THINK_MILLIS = 20;

    private final Supplier<Endpoints> endpoints;
    private final History<KvOp, KvOpResult> history;
    private final List<String> keys;
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean running = true;

    /**
     * Starts {@code clients} client threads.
     *
     * @param endpoints where the members are now; a client reconnects when this returns a new value
     */
    KvWorkload(Supplier<Endpoints> endpoints, History<KvOp, KvOpResult> history, int clients, List<String> keys,
               long seed) {
        this.endpoints = endpoints;
        this.history = history;
        this.keys = List.copyOf(keys);
        for (int p = 0; p < clients; p++) {
            int process = p;
            Thread t = new Thread(() -> run(process, new Random(seed * 31 + process)), "kv-client-" + p);
            t.setDaemon(true);
            threads.add(t);
        }
        threads.forEach(Thread::start);
    }

    private void run(int process, Random random) {
        Endpoints connectedTo = null;
        RaftClient<KvCommand, KvResult> client = null;
        Map<String, String> lastSeen = new HashMap<>();
        int written = 0;
        try {
            while (running) {
                Endpoints now = endpoints.get();
                if (now != connectedTo) {
                    if (client != null) {
                        client.close();
                    }
                    client = KvClients.client(now);
                    connectedTo = now;
                }
                String key = keys.get(random.nextInt(keys.size()));
                KvOp op = nextOp(random, key, lastSeen.get(key), "c" + process + "-" + (++written));
                History.Pending<KvOp, KvOpResult> pending = history.invoke(process, op);
                try {
                    KvResult r = client.submit(KvMapping.command(op))
                            .get(KvClients.REQUEST_TIMEOUT.toMillis() + 5_000, TimeUnit.MILLISECONDS);
                    KvOpResult result = KvMapping.result(r);
                    pending.ok(result);
                    lastSeen.put(key, op.kind() == KvOp.Kind.PUT ? op.value() : result.value());
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof OverloadedException) {
                        pending.fail(); // Refused by the client before sending: never applied.
                    } else {
                        pending.unknown();
                    }
                } catch (TimeoutException e) {
                    pending.unknown();
                } catch (InterruptedException e) {
                    pending.unknown();
                    Thread.currentThread().interrupt();
                    return;
                }
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(random.nextInt((int) (2 * MEAN_THINK_MILLIS) + 1)));
            }
        } catch (RuntimeException e) {
            LOG.error("client {} stopped: {}", process, e.toString(), e);
        } finally {
            if (client != null) {
                client.close();
            }
        }
    }

    private static KvOp nextOp(Random random, String key, String lastSeen, String fresh) {
        int dice = random.nextInt(10);
        if (dice < 4) {
            return KvOp.get(key);
        }
        if (dice < 7) {
            return KvOp.put(key, fresh);
        }
        return KvOp.cas(key, lastSeen, fresh);
    }

    /** Stops every client after its current operation, waiting at most about one request timeout. */
    @Override
    public void close() {
        running = false;
        long deadline = System.nanoTime() + KvClients.REQUEST_TIMEOUT.plusSeconds(15).toNanos();
        for (Thread t : threads) {
            try {
                t.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            if (t.isAlive()) {
                LOG.warn("{} did not stop within the request timeout; its open operation counts as unknown",
                        t.getName());
            }
        }
    }

    /** How long a client waits at most for its current operation; for callers budgeting time. */
    static Duration maxOperationTime() {
        return KvClients.REQUEST_TIMEOUT.plusSeconds(5);
    }
}
