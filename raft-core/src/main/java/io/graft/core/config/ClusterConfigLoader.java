package io.graft.core.config;

import io.graft.api.config.ClusterConfig;
import io.graft.api.config.ConfigurationException;
import io.graft.api.config.Member;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.representer.Representer;

/**
 * Loads a {@link ClusterConfig} from YAML, for example:
 *
 * <pre>
 * electionTimeout: 150   # milliseconds
 * configuration:
 *   1: tomato             # host, port 7400
 *   2: gamma:7401         # host:port
 *   3: "[::1]:7402"       # IPv6 in brackets
 * </pre>
 *
 * <p>Keys: {@code electionTimeout} (ms, default 150), {@code heartbeatInterval} (ms, default a tenth of the
 * election timeout, at most half of it), {@code configuration} (required), {@code transport} (default
 * {@code inmemory}), {@code codec} (default {@code bytes}), {@code stateMachine}, {@code dataDir},
 * {@code maxPendingCommands}, {@code sessionTimeout} (ms a remote client's session may stay idle, default
 * 600000: ten minutes; the same on every member), {@code snapshotEvery} (applied entries between snapshots),
 * {@code snapshotLogRetention} (entries a member keeps below each snapshot it takes, 0 or more, default 1024),
 * and the plug-in sections {@code transportOptions}, {@code codecOptions} and
 * {@code stateMachineOptions}. Unknown keys are rejected, with a suggestion when they look like a typo.
 *
 * <p>Every problem is reported as a {@link ConfigurationException} naming the dotted key and the line. The
 * document is read with SnakeYAML's node API only, so no object of any type is ever constructed from it.
 */
public final class ClusterConfigLoader {

    /** The port of a member written as a bare host. */
    public static final int DEFAULT_PORT = 7400;

    private ClusterConfigLoader() {
    }

    /**
     * Member {@code id} at {@code address}, written as in the {@code configuration} section: {@code host},
     * {@code host:port} or {@code [ipv6]:port} (a bare host gets port {@value #DEFAULT_PORT}). For tools that
     * name a member outside the file, such as a command line that adds one.
     *
     * @throws IllegalArgumentException saying what to write instead
     */
    public static Member member(int id, String address) {
        MemberAddress parsed = MemberAddress.parse(address, DEFAULT_PORT);
        return new Member(id, parsed.host(), parsed.port());
    }

    /** The top-level keys a cluster file may contain. */
    public static Set<String> knownKeys() {
        return ConfigKeys.READERS.keySet();
    }

    /** Loads a UTF-8 YAML file. */
    public static ClusterConfig load(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw withCause(new ConfigurationException(null, "the cluster file " + file + " does not exist"), e);
        } catch (CharacterCodingException e) {
            throw withCause(new ConfigurationException(null, "the cluster file " + file + " is not valid UTF-8"), e);
        } catch (IOException e) {
            throw withCause(new ConfigurationException(null, "cannot read the cluster file " + file + ": " + e), e);
        }
        return parse(text, file.toString());
    }

    /** Loads YAML from {@code reader} (which the caller closes); {@code sourceName} names it in error messages. */
    public static ClusterConfig load(Reader reader, String sourceName) {
        Node root;
        try {
            root = newYaml().compose(reader);
        } catch (MarkedYAMLException e) {
            throw syntaxError(e, sourceName);
        } catch (YAMLException e) {
            throw withCause(new ConfigurationException(null, "cannot be read as YAML: " + e.getMessage()
                    + " (in " + sourceName + ")"), e);
        }
        return read(root, sourceName);
    }

    /** Loads YAML from a string; {@code sourceName} names it in error messages. */
    public static ClusterConfig parse(String yaml, String sourceName) {
        return load(new StringReader(yaml), sourceName);
    }

    private static Yaml newYaml() {
        LoaderOptions options = new LoaderOptions();
        options.setAllowRecursiveKeys(false);
        options.setMergeOnCompose(false);
        DumperOptions dumper = new DumperOptions();
        return new Yaml(new SafeConstructor(options), new Representer(dumper), dumper, options);
    }

    private static ClusterConfig read(Node root, String source) {
        YamlValue document = new YamlValue("", 1, root, source);
        if (root == null || YamlValue.isNull(root)) {
            throw document.error(null, root == null ? 1 : YamlValue.lineOf(root),
                    "the document is empty; it needs at least a 'configuration' section listing the members");
        }
        if (!(root instanceof MappingNode)) {
            throw document.error(null, YamlValue.lineOf(root), "the top level must be a mapping of settings such"
                    + " as 'electionTimeout: 150' and 'configuration:', got " + YamlValue.describe(root));
        }
        ConfigDraft draft = new ConfigDraft();
        Map<String, Integer> seen = new HashMap<>();
        for (NodeTuple tuple : ((MappingNode) root).getValue()) {
            Node keyNode = tuple.getKeyNode();
            int keyLine = YamlValue.lineOf(keyNode);
            if (!(keyNode instanceof ScalarNode) || YamlValue.isNull(keyNode)) {
                throw document.error(null, keyLine, "settings must be named by plain words, got "
                        + YamlValue.describe(keyNode));
            }
            String key = ((ScalarNode) keyNode).getValue();
            KeyReader reader = ConfigKeys.READERS.get(key);
            if (reader == null) {
                throw document.error(key, keyLine, unknownKey(key));
            }
            Integer firstLine = seen.putIfAbsent(key, keyLine);
            if (firstLine != null) {
                throw document.error(key, keyLine, "is set twice (first on line " + firstLine + ")");
            }
            reader.read(new YamlValue(key, keyLine, tuple.getValueNode(), source), draft);
        }
        if (!draft.hasMembers) {
            throw document.error("configuration", YamlValue.lineOf(root), "is missing; list the cluster's members"
                    + " under 'configuration:' with lines like '1: host-a:" + DEFAULT_PORT + "'");
        }
        try {
            return draft.builder.build();
        } catch (ConfigurationException e) {
            // The builder checks the settings against each other; the file knows where each one was written.
            Integer line = e.key() == null ? null : seen.get(e.key());
            throw withCause(document.error(e.key(), line == null ? 0 : line, e.problem()), e);
        }
    }

    private static String unknownKey(String key) {
        String suggestion = KeySuggestion.closest(key, knownKeys())
                .map(k -> "did you mean '" + k + "'? ")
                .orElse("");
        return "unknown key; " + suggestion + "known keys are " + String.join(", ", knownKeys());
    }

    private static ConfigurationException syntaxError(MarkedYAMLException e, String source) {
        Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
        int line = mark == null ? 0 : mark.getLine() + 1;
        // SnakeYAML's own order: the context ("while parsing a block mapping"), then the problem.
        StringBuilder problem = new StringBuilder("cannot be read as YAML: ");
        if (e.getContext() != null) {
            problem.append(e.getContext()).append(", ");
        }
        problem.append(e.getProblem() != null ? e.getProblem() : e.getClass().getSimpleName());
        problem.append("; check the indentation and quoting near that line (in ").append(source).append(')');
        return withCause(new ConfigurationException(null, line, problem.toString()), e);
    }

    private static ConfigurationException withCause(ConfigurationException e, Throwable cause) {
        e.initCause(cause);
        return e;
    }
}
