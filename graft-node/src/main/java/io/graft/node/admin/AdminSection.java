package io.graft.node.admin;

import io.graft.api.config.ConfigurationException;
import io.graft.core.config.ClusterConfigLoader;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.TreeMap;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.representer.Representer;

/**
 * Reads a cluster file as {@code graft-node} does: the launcher's own top-level {@code admin} section, and the
 * cluster from everything else. For example:
 *
 * <pre>
 * admin:
 *   port: 9400              # every member on its own machine; or one port per member:
 *   # port: {1: 9401, 2: 9402, 3: 9403}
 *   bind: 127.0.0.1         # the default: this machine only; 0.0.0.0 for every interface
 *   readyMaxApplyLag: 1000  # /health/ready fails while more committed entries wait to be applied
 * </pre>
 *
 * <p>The section is taken out of the text before the rest goes to {@link ClusterConfigLoader} (which knows only the
 * cluster's keys): its characters are replaced by spaces, line breaks kept, so that the loader's errors still name
 * the right lines. Errors in the section name the dotted key and the line, as the loader's do. A document that is
 * not valid YAML is passed on untouched, for the loader to explain.
 */
public final class AdminSection {
    /** The top-level key of the section. */
    public static final String KEY = "admin";
    private static final List<String> KEYS = List.of("port", "bind", "readyMaxApplyLag");

    private AdminSection() {
    }

    /**
     * Loads a UTF-8 cluster file.
     *
     * @throws ConfigurationException when it cannot be read, or the cluster or the admin section is invalid
     */
    public static NodeFile load(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (CharacterCodingException e) {
            throw withCause(new ConfigurationException(null, "the cluster file " + file + " is not valid UTF-8"), e);
        } catch (IOException e) {
            throw withCause(new ConfigurationException(null, "cannot read the cluster file " + file + ": " + e), e);
        }
        return parse(text, file.toString());
    }

    /**
     * Reads a cluster file's text; {@code source} names it in error messages.
     *
     * @throws ConfigurationException when the cluster or the admin section is invalid
     */
    public static NodeFile parse(String yaml, String source) {
        MappingNode root = root(yaml);
        NodeTuple section = root == null ? null : section(root, source);
        if (section == null) {
            return new NodeFile(ClusterConfigLoader.parse(yaml, source), AdminSettings.off());
        }
        AdminSettings settings = read(section, source);
        return new NodeFile(ClusterConfigLoader.parse(blankOut(yaml, section), source), settings);
    }

    /** The document's top-level mapping; null when it is not valid YAML or not a mapping (the loader explains). */
    private static MappingNode root(String yaml) {
        LoaderOptions options = new LoaderOptions();
        options.setAllowRecursiveKeys(false);
        options.setMergeOnCompose(false);
        DumperOptions dumper = new DumperOptions();
        try {
            Node root = new Yaml(new SafeConstructor(options), new Representer(dumper), dumper, options).compose(
                    new java.io.StringReader(yaml));
            return root instanceof MappingNode m ? m : null;
        } catch (YAMLException e) {
            return null;
        }
    }

    private static NodeTuple section(MappingNode root, String source) {
        NodeTuple found = null;
        for (NodeTuple tuple : root.getValue()) {
            if (tuple.getKeyNode() instanceof ScalarNode key && KEY.equals(key.getValue())) {
                if (found != null) {
                    throw error(KEY, lineOf(key), "is set twice (first on line " + lineOf(found.getKeyNode()) + ")",
                            source);
                }
                found = tuple;
            }
        }
        if (found != null && root.getFlowStyle() == DumperOptions.FlowStyle.FLOW) {
            throw error(KEY, lineOf(found.getKeyNode()), "write the cluster file's top level in block style (one"
                    + " 'key: value' per line) to give it an admin section", source);
        }
        return found;
    }

    private static AdminSettings read(NodeTuple section, String source) {
        int line = lineOf(section.getKeyNode());
        Node value = section.getValueNode();
        if (isNull(value)) {
            throw error(KEY, line, "has no value; give it at least a port, e.g. 'admin: {port: 9400}', or remove it"
                    + " (the admin endpoints are then off)", source);
        }
        if (!(value instanceof MappingNode mapping)) {
            throw error(KEY, lineOf(value), "expected a mapping such as '{port: 9400, bind: 127.0.0.1}', got "
                    + describe(value), source);
        }
        Map<String, Node> values = new HashMap<>();
        Map<String, Integer> keyLines = new HashMap<>();
        for (NodeTuple tuple : mapping.getValue()) {
            String name = tuple.getKeyNode() instanceof ScalarNode s ? s.getValue() : null;
            int keyLine = lineOf(tuple.getKeyNode());
            if (name == null || !KEYS.contains(name)) {
                throw error(KEY + (name == null ? "" : "." + name), keyLine, "unknown key; the admin section knows "
                        + String.join(", ", KEYS), source);
            }
            Integer first = keyLines.putIfAbsent(name, keyLine);
            if (first != null) {
                throw error(KEY + "." + name, keyLine, "is set twice (first on line " + first + ")", source);
            }
            values.put(name, tuple.getValueNode());
        }
        Node port = values.get("port");
        if (port == null) {
            throw error(KEY + ".port", line, "is missing; give the port to serve on (e.g. 'port: 9400'), or one per"
                    + " member (e.g. 'port: {1: 9401, 2: 9402, 3: 9403}')", source);
        }
        OptionalInt single = OptionalInt.empty();
        Map<Integer, Integer> perMember = new TreeMap<>();
        if (port instanceof MappingNode ports) {
            for (NodeTuple tuple : ports.getValue()) {
                int member = memberId(tuple.getKeyNode(), source);
                perMember.put(member, port(tuple.getValueNode(), KEY + ".port." + member, source));
            }
            if (perMember.isEmpty()) {
                throw error(KEY + ".port", lineOf(port), "lists no member; give one port, or one per member", source);
            }
        } else {
            single = OptionalInt.of(port(port, KEY + ".port", source));
        }
        String bind = values.containsKey("bind") ? text(values.get("bind"), KEY + ".bind", source).trim()
                : AdminSettings.LOOPBACK;
        if (bind.isEmpty()) {
            throw error(KEY + ".bind", lineOf(values.get("bind")), "must not be blank; e.g. " + AdminSettings.LOOPBACK,
                    source);
        }
        long lag = values.containsKey("readyMaxApplyLag")
                ? whole(values.get("readyMaxApplyLag"), KEY + ".readyMaxApplyLag", 0, Long.MAX_VALUE, "entries, 0 or more",
                source)
                : AdminSettings.DEFAULT_READY_MAX_APPLY_LAG;
        return new AdminSettings(true, single, new TreeMap<>(perMember), bind, lag, keyLines.get("port"),
                keyLines.getOrDefault("bind", 0), source);
    }

    private static int memberId(Node key, String source) {
        String text = key instanceof ScalarNode s ? s.getValue().trim() : "";
        try {
            int id = Integer.parseInt(text);
            if (id > 0) {
                return id;
            }
        } catch (NumberFormatException e) {
            // Explained below.
        }
        throw error(KEY + ".port", lineOf(key), "expected member ids (positive whole numbers) as keys, got "
                + describe(key), source);
    }

    private static int port(Node node, String key, String source) {
        return (int) whole(node, key, 0, 65_535, "a port from 1 to 65535, or 0 for any free port", source);
    }

    private static long whole(Node node, String key, long min, long max, String expected, String source) {
        String text = text(node, key, source).trim();
        try {
            long value = Long.parseLong(text);
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // Explained below.
        }
        throw error(key, lineOf(node), "expected " + expected + ", got '" + text + "'", source);
    }

    private static String text(Node node, String key, String source) {
        if (isNull(node) || !(node instanceof ScalarNode scalar)) {
            throw error(key, lineOf(node), "expected a single value, got " + describe(node), source);
        }
        return scalar.getValue();
    }

    /** The text with the section's characters replaced by spaces, line breaks kept. */
    private static String blankOut(String yaml, NodeTuple section) {
        int from = section.getKeyNode().getStartMark().getIndex();
        int to = section.getValueNode().getEndMark().getIndex();
        // SnakeYAML counts code points; so does this.
        int[] text = yaml.codePoints().toArray();
        for (int i = from; i < to && i < text.length; i++) {
            if (text[i] != '\n' && text[i] != '\r') {
                text[i] = ' ';
            }
        }
        return new String(text, 0, text.length);
    }

    private static boolean isNull(Node node) {
        return node instanceof ScalarNode && Tag.NULL.equals(node.getTag());
    }

    private static int lineOf(Node node) {
        return node.getStartMark() == null ? 0 : node.getStartMark().getLine() + 1;
    }

    private static String describe(Node node) {
        if (node instanceof MappingNode) {
            return "a mapping";
        }
        if (node instanceof SequenceNode) {
            return "a list";
        }
        if (isNull(node)) {
            return "nothing";
        }
        return "the value '" + ((ScalarNode) node).getValue() + "'";
    }

    private static ConfigurationException error(String key, int line, String problem, String source) {
        return new ConfigurationException(key, line, problem + " (in " + source + ")");
    }

    private static ConfigurationException withCause(ConfigurationException e, Throwable cause) {
        e.initCause(cause);
        return e;
    }
}
