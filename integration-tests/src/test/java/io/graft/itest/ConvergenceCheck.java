package io.graft.itest;

import io.graft.core.storage.LogEntry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks that every member converged: each holds exactly the leader's log (same entries, same terms, same bytes),
 * so each applies the same commands in the same order and reaches the same state. Members' logs are read from
 * copies of their data directories, again and again until they agree or the time is up.
 */
final class ConvergenceCheck {
    private static final Logger LOG = LoggerFactory.getLogger(ConvergenceCheck.class);

    /**
     * What the last look found.
     *
     * @param converged whether every member held the leader's log
     * @param leader the leader the logs were compared with, or 0 if none answered
     * @param logs each member's log, by id
     * @param differences what differed, empty when converged
     * @param attempts how many times the logs were read
     */
    record Result(boolean converged, int leader, Map<Integer, MemberLog> logs, List<String> differences, int attempts) {
        /** A line per member: its log's extent. */
        String describe() {
            StringBuilder s = new StringBuilder(converged ? "converged" : "NOT converged")
                    .append(" after ").append(attempts).append(" look(s); leader ").append(leader);
            logs.values().forEach(l -> s.append("\n  member ").append(l.memberId()).append(": entries ")
                    .append(l.firstIndex()).append("..").append(l.lastIndex()));
            differences.forEach(d -> s.append("\n  ").append(d));
            return s.toString();
        }
    }

    private ConvergenceCheck() {
    }

    /** Looks until the members agree or {@code timeout} passes; copies go under {@code workDir}. */
    static Result await(DockerCluster cluster, Path workDir, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Result last = null;
        for (int attempt = 1; ; attempt++) {
            last = look(cluster, workDir, attempt);
            if (last.converged() || System.nanoTime() > deadline) {
                LOG.info("{}", last.describe());
                return last;
            }
        }
    }

    private static Result look(DockerCluster cluster, Path workDir, int attempt) {
        OptionalInt leader = LeaderProbe.leader(cluster.endpoints(), Duration.ofSeconds(5));
        Path copies = workDir.resolve("data");
        deleteRecursively(copies);
        Map<Integer, MemberLog> logs = new LinkedHashMap<>();
        for (NodeContainer n : cluster.nodes()) {
            logs.put(n.id, MemberLog.read(n.id, n.copyDataDir(copies.resolve("node-" + n.id))));
        }
        if (leader.isEmpty()) {
            return new Result(false, 0, logs, List.of("no leader answered"), attempt);
        }
        List<String> differences = differences(logs, leader.getAsInt());
        return new Result(differences.isEmpty(), leader.getAsInt(), logs, differences, attempt);
    }

    /** How each member's log differs from the leader's; empty when each holds exactly the leader's entries. */
    static List<String> differences(Map<Integer, MemberLog> logs, int leaderId) {
        MemberLog leader = logs.get(leaderId);
        List<String> out = new ArrayList<>();
        for (MemberLog m : logs.values()) {
            if (m.memberId() == leaderId) {
                continue;
            }
            if (m.lastIndex() != leader.lastIndex()) {
                out.add("member " + m.memberId() + " has entries up to " + m.lastIndex() + ", the leader (member "
                        + leaderId + ") up to " + leader.lastIndex());
            }
            long from = Math.max(Math.max(m.firstIndex(), leader.firstIndex()), 1);
            long to = Math.min(m.lastIndex(), leader.lastIndex());
            for (long i = from; i <= to; i++) {
                Optional<LogEntry> mine = m.at(i);
                Optional<LogEntry> theirs = leader.at(i);
                if (!mine.equals(theirs)) {
                    out.add("member " + m.memberId() + " differs from the leader at index " + i + ": " + mine.orElse(null)
                            + " vs " + theirs.orElse(null));
                    break;
                }
            }
        }
        return out;
    }

    private static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot clear " + dir, e);
        }
    }
}
