package io.graft.transport.zeromq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** ZeroMQ's I/O thread runs at the configured nice value (Linux with {@code renice} only). */
class IoThreadNiceTest {

    @BeforeAll
    static void onLinuxWithRenice() {
        assumeTrue(Files.isSymbolicLink(Path.of("/proc/thread-self")), "needs Linux's /proc/thread-self");
        assumeTrue(Stream.of(System.getenv("PATH").split(":")).anyMatch(d -> Files.isExecutable(Path.of(d, "renice"))),
                "needs renice on the PATH");
    }

    @Test
    void lowersTheCallingThreadToTheGivenNiceValue() throws InterruptedException {
        AtomicBoolean lowered = new AtomicBoolean();
        AtomicInteger nice = new AtomicInteger(-1);
        Thread t = new Thread(() -> {
            lowered.set(IoThreadNice.lowerCurrentThread(7));
            nice.set(niceOf(ownTid()));
        });
        t.start();
        t.join();
        assertThat(lowered).isTrue();
        assertThat(nice).hasValue(7);
        assertThat(niceOf(ownTid())).as("the caller's own thread").isZero();
    }

    @Test
    void zeroLeavesTheThreadAlone() {
        Runnable body = () -> { };
        assertThat(IoThreadNice.lowering(body, 0)).isSameAs(body);
    }

    @Test
    void theSharedIoThreadOfStartedMembersRunsAtNiceTenByDefault() {
        try (TestCluster<TestMessage> cluster = TestCluster.ofTestMessages(2, id -> ZeroMqSettings.defaults())) {
            cluster.startAll().awaitAllLinks();
            // Linux keeps 15 characters of a thread's name: the I/O thread and the reaper both show as this.
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                    assertThat(niceOfThreadsNamed("graft-zmq-share")).contains(10));
        }
    }

    private static String ownTid() {
        try {
            return Files.readSymbolicLink(Path.of("/proc/thread-self")).getFileName().toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int niceOf(String tid) {
        try {
            return IoThreadNice.niceOf(tid).orElseThrow();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Integer> niceOfThreadsNamed(String shownName) throws IOException {
        try (Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
            return tasks.filter(task -> {
                try {
                    return Files.readString(task.resolve("comm")).trim().equals(shownName);
                } catch (IOException gone) {
                    return false;
                }
            }).map(task -> niceOf(task.getFileName().toString())).toList();
        }
    }
}
