package io.graft.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.graft.api.config.ClusterConfig;
import io.graft.api.config.Member;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The sample cluster files the README's "Running a cluster by hand" uses: they load, and the file of the member
 * that joins differs from the three members' only by listing that member.
 */
class ShippedClusterFilesTest {
    private static final Path THREE = Path.of("cluster.yaml");
    private static final Path FOUR = Path.of("cluster-with-4.yaml");

    @Test
    void theSampleRunsThreeKeyValueMembersOnThisMachine() {
        ClusterConfig three = ClusterFile.loadWithAdmin(THREE, Map.of()).cluster();
        assertThat(three.members().values()).extracting(Member::address)
                .containsExactly("127.0.0.1:7401", "127.0.0.1:7402", "127.0.0.1:7403");
        assertThat(List.of(three.transport(), three.stateMachine(), three.codec()))
                .containsExactly("zeromq", "kv", "kv-binary");
    }

    @Test
    void theFileOfTheFourthMemberAddsItAndChangesNothingElse() throws IOException {
        ClusterConfig four = ClusterFile.loadWithAdmin(FOUR, Map.of()).cluster();
        assertThat(four.memberIds()).containsExactly(1, 2, 3, 4);
        assertThat(four.member(4).address()).isEqualTo("127.0.0.1:7404");

        List<String> expected = new ArrayList<>(settings(THREE));
        expected.add("  4: 127.0.0.1:7404");
        assertThat(settings(FOUR)).isEqualTo(expected);
    }

    /** The file's lines but its comment lines. */
    private static List<String> settings(Path file) throws IOException {
        return Files.readAllLines(file).stream().filter(l -> !l.isBlank() && !l.startsWith("#")).toList();
    }
}
