package io.graft.examples.kv;

import static org.assertj.core.api.Assertions.assertThat;

import io.graft.api.Codec;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class KvStoreDeterminismTest {

    private static final int COMMANDS = 20_000;

    @ParameterizedTest
    @ValueSource(longs = {1, 42, 20240607})
    void replicasFedTheSameCommandsEndEqualWithEqualResults(long seed) {
        RandomKv random = new RandomKv(seed, 50);
        KvStore direct = new KvStore();
        KvStore viaCodec = new KvStore();
        Codec<KvCommand> commands = KvBinaryCodec.commands();
        Codec<KvResult> results = KvBinaryCodec.results();
        List<KvResult> directResults = new ArrayList<>();
        List<KvResult> codecResults = new ArrayList<>();

        for (long index = 1; index <= COMMANDS; index++) {
            KvCommand command = random.command();
            directResults.add(direct.apply(index, command));
            // The second replica sees what a follower sees: the command and result as bytes on the wire.
            KvResult result = viaCodec.apply(index, commands.decode(commands.encode(command)));
            codecResults.add(results.decode(results.encode(result)));
        }

        assertThat(codecResults).isEqualTo(directResults);
        assertThat(viaCodec.snapshotOfData()).isEqualTo(direct.snapshotOfData());
        assertThat(viaCodec.lastAppliedIndex()).isEqualTo(direct.lastAppliedIndex()).isEqualTo(COMMANDS);
        // The sequence must exercise the interesting paths, or equality would prove little.
        assertThat(directResults).anyMatch(KvResult::swapped).anyMatch(r -> !r.changed() && r.present());
        assertThat(direct.size()).isPositive();
    }
}
