package io.graft.bench.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import io.graft.core.plugin.Plugins;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The command line: usage help, refused options, and the one JSON line a run prints. */
class LoadGeneratorCliTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cli = LoadGenerator.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    @Test
    void helpListsEveryMode() {
        assertThat(run("--help")).isZero();
        assertThat(out.toString()).contains("--in-flight", "--durability", "inmemory-ref", "file-nosync", "zeromq",
                "zeromq-process", "--submit", "client", "--metrics", "prometheus");
    }

    @Test
    void anUnknownSubmissionModeIsRefusedWithTheChoices() {
        assertThat(run("--submit", "telepathy")).isEqualTo(2);
        assertThat(err.toString()).contains("telepathy", "node, client");
    }

    @Test
    void aTooSmallCommandIsRefusedWithTheReason() {
        assertThat(run("--command-bytes", "4")).isEqualTo(2);
        assertThat(err.toString()).contains("--command-bytes must be at least 8");
    }

    @Test
    void anUnknownTransportIsRefusedWithTheChoices() {
        assertThat(run("--transport", "carrier-pigeon")).isEqualTo(2);
        assertThat(err.toString()).contains("carrier-pigeon", "inmemory, inmemory-ref, zeromq");
    }

    @Test
    void aRunPrintsOneJsonLine() {
        assertThat(run("--warmup", "0", "--measure", "1", "--in-flight", "4")).isZero();
        String[] lines = out.toString().strip().split("\n");
        assertThat(lines).hasSize(1);
        assertThat(lines[0]).startsWith("{\"nodes\":3,\"transport\":\"inmemory-ref\"").endsWith("}")
                .contains("\"submit\":\"node\"", "\"commandsPerSecond\":", "\"p99Micros\":", "\"peakRssMiB\":",
                        "\"childPeakRssMiB\":{}", "\"gcMillis\":", "\"cpuCores\":", "\"appliedOutOfOrder\":0",
                        "\"verified\":true");
    }

    @Test
    void aRunWithMetricsRecordsThemOnEveryMemberAndSaysSo() {
        assertThat(run("--metrics", "--warmup", "0", "--measure", "1", "--in-flight", "4")).isZero();
        assertThat(out.toString().strip()).contains("\"metrics\":\"prometheus\"", "\"verified\":true");
    }

    @Test
    void anUnknownMetricsRegistryIsRefusedWithTheChoices() {
        assertThat(run("--metrics", "graphite")).isEqualTo(2);
        assertThat(err.toString()).contains("graphite", "none, simple, prometheus");
    }

    @Test
    void zeromqWithoutItsModuleExplainsWhatToAdd() {
        assumeFalse(new Plugins().availableTransportNames().contains("zeromq"), "transport-zeromq is present");
        assertThat(run("--transport", "zeromq", "--warmup", "0", "--measure", "1")).isEqualTo(2);
        assertThat(err.toString())
                .contains("'zeromq' transport is not on the class path", "io.graft:graft-transport-zeromq");
        assertThat(out.toString()).isEmpty();
    }
}
