package io.graft.core.config;

import io.graft.api.config.Options;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reads a plug-in's option section ({@code transportOptions} and the like): a flat mapping of names to a value
 * or a list of values, kept as the text the user wrote. The plug-in interprets them.
 */
final class OptionsReader {

    private OptionsReader() {
    }

    static Options read(YamlValue section) {
        String name = section.path();
        if (section.isNull()) {
            return Options.empty(name);
        }
        MappingNode mapping = section.mapping("a mapping of option names to values, e.g. 'bindAll: true'");
        Map<String, List<String>> values = new LinkedHashMap<>();
        Map<String, Integer> lines = new LinkedHashMap<>();
        for (NodeTuple tuple : mapping.getValue()) {
            if (!(tuple.getKeyNode() instanceof ScalarNode)) {
                throw section.error(name, YamlValue.lineOf(tuple.getKeyNode()),
                        "option names must be plain words, got " + YamlValue.describe(tuple.getKeyNode()));
            }
            String key = ((ScalarNode) tuple.getKeyNode()).getValue();
            YamlValue value = section.child(key, tuple.getKeyNode(), tuple.getValueNode());
            Integer first = lines.putIfAbsent(key, value.keyLine());
            if (first != null) {
                throw value.error(value.path(), value.keyLine(), "is set twice (first on line " + first + ")");
            }
            values.put(key, strings(value));
        }
        return new Options(values, name, lines);
    }

    private static List<String> strings(YamlValue value) {
        if (value.node() instanceof SequenceNode) {
            List<String> list = new ArrayList<>();
            for (Node item : ((SequenceNode) value.node()).getValue()) {
                if (!(item instanceof ScalarNode) || YamlValue.isNull(item)) {
                    throw value.error(value.path(), YamlValue.lineOf(item),
                            "list items must be single values, got " + YamlValue.describe(item));
                }
                list.add(((ScalarNode) item).getValue());
            }
            return List.copyOf(list);
        }
        if (value.node() instanceof MappingNode) {
            throw value.error("nested mappings are not supported; use a value or a list of values");
        }
        return List.of(value.text());
    }
}
