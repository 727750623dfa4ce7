package io.graft.core.config;

import io.graft.api.config.Member;
import java.util.HashMap;
import java.util.Map;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;

/** Reads the {@code configuration} section: member id to address, e.g. {@code 1: tomato} or {@code 2: gamma:7401}. */
final class MembersReader {
    private static final String EXAMPLE = "lines like '1: host-a:" + ClusterConfigLoader.DEFAULT_PORT + "'";

    private MembersReader() {
    }

    static void read(YamlValue section, ConfigDraft draft) {
        if (section.isNull()) {
            throw section.error("lists no members; add " + EXAMPLE + " under it");
        }
        MappingNode mapping = section.mapping("a mapping of member id to address (" + EXAMPLE + ")");
        if (mapping.getValue().isEmpty()) {
            throw section.error("lists no members; add " + EXAMPLE + " under it");
        }
        Map<Integer, Integer> idLines = new HashMap<>();
        Map<String, Integer> addressOwners = new HashMap<>();
        Map<Integer, Integer> ownerLines = new HashMap<>();
        for (NodeTuple tuple : mapping.getValue()) {
            if (!(tuple.getKeyNode() instanceof ScalarNode)) {
                throw section.error(section.path(), YamlValue.lineOf(tuple.getKeyNode()),
                        "member ids must be plain numbers, got " + YamlValue.describe(tuple.getKeyNode()));
            }
            String idText = ((ScalarNode) tuple.getKeyNode()).getValue().trim();
            YamlValue value = section.child(idText, tuple.getKeyNode(), tuple.getValueNode());
            int id = parseId(idText, value);
            Integer firstLine = idLines.putIfAbsent(id, value.keyLine());
            if (firstLine != null) {
                throw value.error(value.path(), value.keyLine(),
                        "member " + id + " is listed twice (first on line " + firstLine + "); ids must be unique");
            }
            if (value.isNull()) {
                throw value.error("member " + id + " has no address; write host or host:port");
            }
            MemberAddress address;
            try {
                address = MemberAddress.parse(value.text(), ClusterConfigLoader.DEFAULT_PORT);
            } catch (IllegalArgumentException e) {
                throw value.error(e.getMessage());
            }
            Integer owner = addressOwners.putIfAbsent(address.identity(), id);
            if (owner != null) {
                throw value.error("member " + id + " has the same address " + address.host() + ":" + address.port()
                        + " as member " + owner + " (line " + ownerLines.get(owner)
                        + "); every member needs its own host:port");
            }
            ownerLines.put(id, value.line());
            draft.builder.member(new Member(id, address.host(), address.port()));
        }
        draft.hasMembers = true;
    }

    private static int parseId(String text, YamlValue value) {
        int id;
        try {
            id = Integer.parseInt(text);
        } catch (NumberFormatException e) {
            id = -1;
        }
        if (id <= 0) {
            throw value.error(value.path(), value.keyLine(),
                    "member id '" + text + "' must be a positive whole number, e.g. 1");
        }
        return id;
    }
}
