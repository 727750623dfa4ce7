package io.graft.testkit.durability;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Durability through real process deaths: a child JVM ({@link SequenceWriterMain}) writes consecutive
 * numbers through Graft onto file logs and prints each acknowledgement; this test kills it with SIGKILL at
 * random points (during recovery, right after it, after some acknowledgements, after a delay), sometimes
 * appends garbage to a log's last segment as a torn write would leave, and restarts it on the same
 * directory. After every restart the recovered numbers must be exactly 1..n, in order, with n at least
 * every number ever acknowledged and at least what the previous run recovered.
 *
 * <p>A SIGKILL keeps what the process wrote to the OS, so this proves the crash handling of the log and the
 * acknowledgement discipline of the runtime, not fsync against power loss. Seeds are printed; rerun one
 * with {@code -Dgraft.seed=<seed>}; {@code -Dgraft.kills=<n>} runs longer.
 */
class KillNineTest {
    private static final Duration STARTUP = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    @Test
    void aSingleMemberKeepsEveryAcknowledgedCommandThroughKillNine() throws Exception {
        int kills = Integer.getInteger("graft.kills", 15);
        Ledger ledger = new KillLoop(1, 8, 50).run(kills);
        assertThat(ledger.maxAcked).as("numbers acknowledged in %d runs", kills).isGreaterThanOrEqualTo(kills * 10L);
        assertThat(ledger.stops).as("a single member never loses leadership").isZero();
    }

    @Test
    void aWholeThreeMemberClusterKilledAtOnceKeepsEveryAcknowledgedCommand() throws Exception {
        int kills = Math.max(5, Integer.getInteger("graft.kills", 15) / 3);
        Ledger ledger = new KillLoop(3, 16, 150).run(kills);
        assertThat(ledger.maxAcked).as("numbers acknowledged in %d runs", kills).isGreaterThanOrEqualTo(kills * 10L);
    }

    /** Runs, kills and restarts the child, checking each recovery. */
    private final class KillLoop {
        private final int members;
        private final int inFlight;
        private final int electionTimeoutMillis;
        private final long seed = Long.getLong("graft.seed", System.nanoTime());
        private final Random random = new Random(seed);
        private final Path data = dir.resolve("data");

        KillLoop(int members, int inFlight, int electionTimeoutMillis) {
            this.members = members;
            this.inFlight = inFlight;
            this.electionTimeoutMillis = electionTimeoutMillis;
        }

        Ledger run(int kills) throws Exception {
            System.out.printf("KillNineTest: %d member(s), %d kills, seed %d%n", members, kills, seed);
            Ledger ledger = new Ledger("seed " + seed + " (rerun with -Dgraft.seed=" + seed + ")");
            boolean tornTailPlanted = false;
            for (int run = 0; run <= kills; run++) {
                ledger.startRun(run);
                try (ChildJvm child = ChildJvm.start(SequenceWriterMain.class, dir.resolve("stderr-" + run + ".log"),
                        data, members, inFlight, electionTimeoutMillis)) {
                    ledger.child = child;
                    boolean last = run == kills;
                    int mode = last ? -1 : run % 5; // Every kind of kill point, at random moments.
                    if (mode == 0) {
                        // Kill during startup: loading, cutting a torn tail, electing, writing the first no-op.
                        readFor(child, ledger, Duration.ofMillis(random.nextInt(600)));
                    } else {
                        ledger.absorb(awaitLine(child));
                        if (mode == 1 || mode == 2) {
                            int target = 50 + random.nextInt(350);
                            while (ledger.acksThisRun < target && !ledger.stopped) {
                                ledger.absorb(awaitLine(child));
                            }
                        } else if (mode == 3) {
                            readFor(child, ledger, Duration.ofMillis(random.nextInt(300)));
                        }
                        // mode 4: kill right after recovery, while the first commands are in flight.
                    }
                    List<String> rest = child.kill();
                    rest.forEach(ledger::absorb);
                    if (last) {
                        assertThat(ledger.recoveredThisRun).as("the final run recovered; %s", ledger.context).isTrue();
                    }
                    boolean cut = child.stderr().contains("cutting");
                    if (tornTailPlanted && ledger.recoveredThisRun) {
                        assertThat(cut).as("the planted torn tail was cut; %s", ledger.context).isTrue();
                    }
                    if (tornTailPlanted && cut) {
                        ledger.tornTailsCut++;
                    }
                    // A run killed before loading leaves a planted tail for the next one to cut.
                    tornTailPlanted = tornTailPlanted && !cut && !ledger.recoveredThisRun;
                    if (!ledger.recoveredThisRun) {
                        ledger.killsDuringStartup++;
                    }
                    assertThat(child.stderr()).as("errors logged by run %d; %s", run, ledger.context)
                            .doesNotContain("ERROR").doesNotContain("Exception");
                }
                tornTailPlanted |= plantTornTail();
            }
            System.out.printf("KillNineTest: %d member(s), seed %d: %d kills (%d during startup), %d numbers"
                            + " acknowledged, 1..%d recovered, %d planted torn tails cut, %d runs stopped by a failure%n",
                    members, seed, kills, ledger.killsDuringStartup, ledger.maxAcked, ledger.lastRecovered,
                    ledger.tornTailsCut, ledger.stops);
            return ledger;
        }

        private String awaitLine(ChildJvm child) throws InterruptedException {
            String line = child.nextLine(STARTUP);
            if (line == null) {
                throw new AssertionError("no output for " + STARTUP.toSeconds() + " s; child's standard error:\n"
                        + child.stderr());
            }
            return line;
        }

        /** Absorbs what the child prints during {@code period}. */
        private void readFor(ChildJvm child, Ledger ledger, Duration period) throws InterruptedException {
            long deadline = System.nanoTime() + period.toNanos();
            long left;
            while ((left = deadline - System.nanoTime()) > 0) {
                String line = child.nextLine(Duration.ofNanos(left));
                if (line != null) {
                    ledger.absorb(line);
                }
            }
        }

        /**
         * Now and then, appends random bytes to each member's last segment, as an interrupted write of records
         * nobody was told about would leave. Returns whether it did.
         */
        private boolean plantTornTail() throws IOException {
            if (random.nextInt(3) != 0) {
                return false;
            }
            boolean planted = false;
            for (int id = 1; id <= members; id++) {
                Path memberDir = data.resolve("member-" + id);
                List<Path> segments = segments(memberDir);
                if (segments.isEmpty()) {
                    continue;
                }
                byte[] garbage = new byte[1 + random.nextInt(100)];
                random.nextBytes(garbage);
                try (FileChannel channel = FileChannel.open(segments.get(segments.size() - 1), StandardOpenOption.WRITE,
                        StandardOpenOption.APPEND)) {
                    channel.write(ByteBuffer.wrap(garbage));
                }
                planted = true;
            }
            return planted;
        }
    }

    private static List<Path> segments(Path memberDir) throws IOException {
        if (!Files.isDirectory(memberDir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(memberDir)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".seg")).sorted().collect(Collectors.toList());
        }
    }

    /** What the runs acknowledged and recovered, checked line by line. */
    private static final class Ledger {
        final String context;
        ChildJvm child;
        int run;
        long maxAcked;
        int lastRecovered;
        boolean recoveredThisRun;
        long lastAckThisRun;
        int acksThisRun;
        boolean stopped;
        int stops;
        int tornTailsCut;
        int killsDuringStartup;

        Ledger(String context) {
            this.context = context;
        }

        void startRun(int r) {
            run = r;
            recoveredThisRun = false;
            acksThisRun = 0;
            stopped = false;
        }

        void absorb(String line) {
            String[] words = line.split(" ");
            switch (words[0]) {
                case "RECOVERED":
                    recovered(Arrays.stream(words).skip(2).map(Long::valueOf).collect(Collectors.toList()),
                            Integer.parseInt(words[1]));
                    break;
                case "ACK":
                    long n = Long.parseLong(words[1]);
                    check(recoveredThisRun, "ACK before RECOVERED: " + line);
                    check(n > lastAckThisRun, "acknowledgements out of order: " + n + " after " + lastAckThisRun);
                    lastAckThisRun = n;
                    acksThisRun++;
                    maxAcked = Math.max(maxAcked, n);
                    break;
                case "STOPPED":
                    stopped = true;
                    stops++;
                    System.out.printf("KillNineTest run %d: %s%n", run, line);
                    break;
                default:
                    throw new AssertionError("unexpected output from the child in run " + run + ": " + line + "; " + context);
            }
        }

        private void recovered(List<Long> numbers, int count) {
            check(numbers.size() == count, "RECOVERED says " + count + " numbers but lists " + numbers.size());
            for (int i = 0; i < numbers.size(); i++) {
                if (numbers.get(i) != i + 1) {
                    throw new AssertionError("run " + run + " recovered a sequence that is not 1.." + count
                            + " at position " + i + ": " + numbers.subList(Math.max(0, i - 5), Math.min(count, i + 5))
                            + "; " + context + "; child's standard error:\n" + child.stderr());
                }
            }
            check(count >= maxAcked, "lost acknowledged numbers: recovered 1.." + count + " but " + maxAcked
                    + " was acknowledged");
            check(count >= lastRecovered, "lost committed numbers: recovered 1.." + count + " after 1.." + lastRecovered
                    + " in an earlier run");
            lastRecovered = count;
            lastAckThisRun = count;
            recoveredThisRun = true;
        }

        private void check(boolean condition, String problem) {
            if (!condition) {
                throw new AssertionError("run " + run + ": " + problem + "; " + context + "; child's standard error:\n"
                        + child.stderr());
            }
        }
    }
}
