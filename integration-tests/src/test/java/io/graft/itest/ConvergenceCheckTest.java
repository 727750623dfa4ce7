package io.graft.itest;

import static org.assertj.core.api.Assertions.assertThat;

import io.graft.core.storage.LogEntry;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConvergenceCheckTest {

    private static MemberLog log(int id, long... terms) {
        List<LogEntry> entries = new ArrayList<>();
        for (int i = 0; i < terms.length; i++) {
            entries.add(LogEntry.command(i + 1, terms[i], ("e" + (i + 1)).getBytes(StandardCharsets.UTF_8)));
        }
        return new MemberLog(id, entries);
    }

    @Test
    void identicalLogsConverged() {
        assertThat(ConvergenceCheck.differences(Map.of(1, log(1, 1, 1, 2), 2, log(2, 1, 1, 2)), 1)).isEmpty();
    }

    @Test
    void aShorterOrLongerLogIsADifference() {
        assertThat(ConvergenceCheck.differences(Map.of(1, log(1, 1, 1, 2), 2, log(2, 1, 1)), 1))
                .singleElement().asString().contains("member 2 has entries up to 2").contains("up to 3");
        assertThat(ConvergenceCheck.differences(Map.of(1, log(1, 1, 1), 2, log(2, 1, 1, 1)), 1)).hasSize(1);
    }

    @Test
    void aConflictingEntryIsReportedAtItsIndex() {
        assertThat(ConvergenceCheck.differences(Map.of(1, log(1, 1, 2, 2), 3, log(3, 1, 1, 2)), 1))
                .singleElement().asString().contains("member 3 differs from the leader at index 2");
    }
}
