package io.graft.node;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** A launcher running on its own thread in this JVM, as {@code main} would run it, stopped by the test. */
final class LaunchedNode implements AutoCloseable {
    final Console console = new Console();
    private final StopSignal stop = StopSignal.manual();
    private final CompletableFuture<Integer> exit = new CompletableFuture<>();

    private LaunchedNode(Map<String, String> env, String... args) {
        Thread t = new Thread(() -> {
            try {
                exit.complete(NodeLauncher.run(args, console.out, console.err, env, stop));
            } catch (Throwable e) {
                exit.completeExceptionally(e);
            }
        }, "launcher-" + String.join("-", args));
        t.setDaemon(true);
        t.start();
    }

    /** Starts a launcher with {@code args} and waits for its "started" line. */
    static LaunchedNode start(Map<String, String> env, String... args) {
        LaunchedNode node = new LaunchedNode(env, args);
        await().atMost(Duration.ofSeconds(20)).until(() -> node.console.out().contains(NodeLauncher.STARTED)
                || node.exit.isDone());
        if (node.exit.isDone()) {
            throw new AssertionError("the launcher exited with " + node.exit.join() + ": " + node.console.err());
        }
        return node;
    }

    /** Waits at most {@code timeout} for the launcher to exit by itself, and returns its exit code. */
    int awaitExit(Duration timeout) {
        try {
            return exit.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting for the launcher to exit", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new AssertionError("the launcher did not exit by itself: " + console.err(), e);
        }
    }

    /** Requests a stop, as SIGTERM does, and returns the exit code. */
    int stop() {
        stop.requestStop();
        try {
            return exit.get(20, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while stopping", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new AssertionError("the launcher did not stop cleanly: " + console.err(), e);
        }
    }

    @Override
    public void close() {
        if (!exit.isDone()) {
            stop();
        }
    }
}
