package io.graft.examples.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class KvDemoTest {

    @Test
    void demoCrashesTheLeaderShowsTheElectionAndLosesNothing() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        boolean ok = new KvDemo(new PrintStream(bytes, true, StandardCharsets.UTF_8)).run();
        String printed = bytes.toString(StandardCharsets.UTF_8);

        assertThat(ok).as(printed).isTrue();
        Matcher crash = Pattern.compile("crashing the leader, member (\\d)").matcher(printed);
        assertThat(crash.find()).as(printed).isTrue();
        Matcher elected = Pattern.compile("member (\\d) is the new leader \\(term (\\d+)\\), elected (\\d+) ms after"
                + " the crash").matcher(printed);
        assertThat(elected.find()).as(printed).isTrue();
        assertThat(elected.group(1)).as("the crashed member cannot be re-elected").isNotEqualTo(crash.group(1));
        assertThat(printed).as("the election is shown as the survivors went through it")
                .containsPattern("\\+ *\\d+ ms  member " + elected.group(1) + " won the votes of a majority: leads term "
                        + elected.group(2))
                .contains("committed", "OK: no acknowledged write was lost.");
    }
}
