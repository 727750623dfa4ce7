package io.graft.core.config;

import io.graft.api.config.ConfigurationException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * One value of the YAML document with where it came from, so that every complaint about it names its dotted
 * key and line.
 *
 * @param path the dotted key, e.g. {@code configuration.3}
 * @param keyLine the 1-based line of the key the value belongs to
 * @param node the value as SnakeYAML composed it
 * @param source the file or other source name, for messages
 */
record YamlValue(String path, int keyLine, Node node, String source) {

    /** The 1-based line of a node. */
    static int lineOf(Node node) {
        return node.getStartMark() == null ? 0 : node.getStartMark().getLine() + 1;
    }

    /** Whether the node is an empty value ({@code key:}, {@code ~}, {@code null}). */
    static boolean isNull(Node node) {
        return node instanceof ScalarNode && Tag.NULL.equals(node.getTag());
    }

    /** The line to blame: the value's own, or its key's when the value is empty. */
    int line() {
        return isNull() ? keyLine : lineOf(node);
    }

    boolean isNull() {
        return isNull(node);
    }

    /** The value of a key inside this mapping value. */
    YamlValue child(String key, Node keyNode, Node valueNode) {
        return new YamlValue(path + "." + key, lineOf(keyNode), valueNode, source);
    }

    /** An error about this value. */
    ConfigurationException error(String problem) {
        return error(path, line(), problem);
    }

    /** An error about another key of the same source. */
    ConfigurationException error(String key, int line, String problem) {
        return new ConfigurationException(key, line, problem + " (in " + source + ")");
    }

    /** The text of a scalar value; refuses empty values, lists and mappings. */
    String text() {
        if (isNull()) {
            throw error("has no value; give it one or remove the key");
        }
        if (!(node instanceof ScalarNode)) {
            throw error("expected a single value, got " + describe(node));
        }
        return ((ScalarNode) node).getValue();
    }

    /** A non-blank name such as a plug-in's. */
    String name() {
        String text = text().trim();
        if (text.isEmpty()) {
            throw error("must not be blank");
        }
        return text;
    }

    /** A positive {@code int}, e.g. a number of milliseconds. */
    int positiveInt(String unit) {
        String text = text().trim();
        long value;
        try {
            value = Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw error("expected a whole number of " + unit + ", got '" + text + "'");
        }
        if (value <= 0 || value > Integer.MAX_VALUE) {
            throw error("must be a positive whole number of " + unit + " (at most " + Integer.MAX_VALUE
                    + "), got " + text);
        }
        return (int) value;
    }

    /**
     * A whole number from 0 to {@code Integer.MAX_VALUE}, e.g. a count of entries; {@code meaning} says what the
     * values mean, for the message when the value is refused.
     */
    int nonNegativeInt(String unit, String meaning) {
        String text = text().trim();
        long value;
        try {
            value = Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw error("expected a whole number of " + unit + ", 0 or more (" + meaning + "), got '" + text + "'");
        }
        if (value < 0 || value > Integer.MAX_VALUE) {
            throw error("must be a whole number of " + unit + ", 0 or more (at most " + Integer.MAX_VALUE + "; "
                    + meaning + "), got " + text);
        }
        return (int) value;
    }

    /** The mapping this value must be; {@code expected} says what it should look like. */
    MappingNode mapping(String expected) {
        if (!(node instanceof MappingNode)) {
            throw error("expected " + expected + ", got " + describe(node));
        }
        return (MappingNode) node;
    }

    /** A few words naming the kind of a node, for messages. */
    static String describe(Node node) {
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
}
