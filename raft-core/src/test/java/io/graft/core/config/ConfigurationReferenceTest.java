package io.graft.core.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.graft.api.config.ClusterConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Keeps the user guide's configuration reference ({@code docs/configuration.md}) in step with the loader: every
 * top-level key the loader accepts ({@link ConfigKeys}) has a row in the reference's "Top-level keys" table,
 * every row names a key the loader accepts, the defaults the table shows as literals are the loader's, and every
 * complete cluster file shown in the reference loads.
 */
class ConfigurationReferenceTest {
    private static final Path REFERENCE = Path.of(System.getProperty("basedir", "."))
            .resolve("../docs/configuration.md").normalize();
    private static final String TOP_LEVEL_HEADING = "## Top-level keys";
    /** A table row whose first cell is one key in backticks: {@code | `electionTimeout` | ...}. */
    private static final Pattern KEY_ROW = Pattern.compile("^\\|\\s*`([^`]+)`\\s*\\|(.*)$");
    private static final Pattern LEADING_LITERAL = Pattern.compile("^\\s*`([^`]*)`");
    private static final Pattern YAML_BLOCK = Pattern.compile("```yaml\\n(.*?)```", Pattern.DOTALL);

    /** The defaults the reference must show as literals, read from a configuration that sets nothing else. */
    private static final Map<String, Function<ClusterConfig, Object>> LITERAL_DEFAULTS = Map.of(
            "electionTimeout", c -> c.electionTimeout().toMillis(),
            "transport", ClusterConfig::transport,
            "codec", ClusterConfig::codec,
            "clusterId", ClusterConfig::clusterId,
            "fsync", ClusterConfig::fsync,
            "snapshotEvery", ClusterConfig::snapshotEvery,
            "snapshotLogRetention", ClusterConfig::snapshotLogRetention,
            "maxPendingCommands", ClusterConfig::maxPendingCommands,
            "sessionTimeout", c -> c.sessionTimeout().toMillis());

    @Test
    void everyKeyTheLoaderAcceptsIsDocumented() throws IOException {
        assertThat(undocumented(topLevelRows(reference()).keySet()))
                .as("keys the loader accepts but %s does not list under '%s'", REFERENCE, TOP_LEVEL_HEADING)
                .isEmpty();
    }

    @Test
    void everyDocumentedKeyIsAccepted() throws IOException {
        assertThat(notAccepted(topLevelRows(reference()).keySet()))
                .as("keys %s lists under '%s' that the loader refuses", REFERENCE, TOP_LEVEL_HEADING)
                .isEmpty();
    }

    @Test
    void theDocumentedDefaultsAreTheLoadersDefaults() throws IOException {
        Map<String, String> defaults = new LinkedHashMap<>();
        topLevelRows(reference()).forEach((key, cells) -> defaults.put(key, leadingLiteral(cells.get(0))));
        ClusterConfig loaded = ClusterConfigLoader.parse("configuration:\n  1: a\n", "defaults.yaml");
        LITERAL_DEFAULTS.forEach((key, value) -> assertThat(defaults.get(key))
                .as("the default of '%s' in %s", key, REFERENCE)
                .isEqualTo(String.valueOf(value.apply(loaded))));
    }

    @Test
    void everyRowSaysWhatTheKeyAllowsAndMeans() throws IOException {
        topLevelRows(reference()).forEach((key, cells) -> assertThat(cells)
                .as("the row of '%s' in %s: default, allowed values, meaning", key, REFERENCE)
                .hasSize(3)
                .allSatisfy(cell -> assertThat(cell).isNotBlank()));
    }

    @Test
    void everyClusterFileShownInTheReferenceLoads() throws IOException {
        List<String> files = new ArrayList<>();
        Matcher m = YAML_BLOCK.matcher(reference());
        while (m.find()) {
            if (m.group(1).lines().anyMatch(line -> line.startsWith("configuration:"))) {
                files.add(m.group(1));
            }
        }
        assertThat(files).as("complete cluster files in %s", REFERENCE).isNotEmpty();
        for (String yaml : files) {
            assertThat(ClusterConfigLoader.parse(yaml, REFERENCE.toString()).members()).isNotEmpty();
        }
    }

    @Test
    void aKeyLeftOutOfTheReferenceIsReported() throws IOException {
        String withoutFsync = reference().lines()
                .filter(line -> !line.startsWith("| `fsync` |"))
                .reduce("", (a, b) -> a + b + "\n");

        assertThat(undocumented(topLevelRows(withoutFsync).keySet())).contains("fsync");
    }

    @Test
    void aDocumentedKeyTheLoaderDoesNotKnowIsReported() throws IOException {
        String withExtraKey = reference().replace("| `fsync` |",
                "| `fsyncEvery` | `1` | entries | not a key of the loader |\n| `fsync` |");

        assertThat(notAccepted(topLevelRows(withExtraKey).keySet())).contains("fsyncEvery");
    }

    // ------------------------------------------------------------------ reading the reference

    private static String reference() throws IOException {
        assertThat(REFERENCE).as("the configuration reference").isRegularFile();
        return Files.readString(REFERENCE, StandardCharsets.UTF_8);
    }

    /**
     * The rows of the table in the "Top-level keys" section (up to the next heading of any level), by key: the
     * cells after the key.
     */
    private static Map<String, List<String>> topLevelRows(String markdown) {
        Map<String, List<String>> rows = new LinkedHashMap<>();
        boolean inSection = false;
        for (String line : markdown.lines().toList()) {
            if (line.startsWith("#")) {
                inSection = line.strip().equals(TOP_LEVEL_HEADING);
                continue;
            }
            Matcher row = KEY_ROW.matcher(line);
            if (inSection && row.matches()) {
                List<String> cells = new ArrayList<>(List.of(row.group(2).split("\\|", -1)));
                if (!cells.isEmpty() && cells.get(cells.size() - 1).isBlank()) {
                    cells.remove(cells.size() - 1); // After the closing '|'.
                }
                rows.put(row.group(1), cells.stream().map(String::strip).toList());
            }
        }
        assertThat(rows).as("rows of the '%s' table", TOP_LEVEL_HEADING).isNotEmpty();
        return rows;
    }

    /** The literal a cell starts with ({@code `150`} gives {@code 150}), or the whole cell if none. */
    private static String leadingLiteral(String cell) {
        Matcher m = LEADING_LITERAL.matcher(cell);
        return m.find() ? m.group(1) : cell;
    }

    private static Set<String> undocumented(Set<String> documented) {
        Set<String> missing = new TreeSet<>(ConfigKeys.READERS.keySet());
        missing.removeAll(documented);
        return missing;
    }

    private static Set<String> notAccepted(Set<String> documented) {
        Set<String> extra = new TreeSet<>(documented);
        extra.removeAll(ConfigKeys.READERS.keySet());
        return extra;
    }
}
