package io.graft.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.graft.api.CodecProvider;
import io.graft.api.StateMachine;
import io.graft.api.StateMachineProvider;
import io.graft.api.config.Options;
import io.graft.examples.kv.KvCommand;
import io.graft.examples.kv.KvResult;
import io.graft.examples.kv.KvStore;
import io.graft.examples.words.WordTracker;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** What a generic launcher does: find plug-ins by the names a YAML file uses. */
class ServiceDiscoveryTest {

    // ServiceLoader can only be asked for the raw provider type.
    @SuppressWarnings("rawtypes")
    private static Map<String, StateMachineProvider<?, ?>> stateMachines() {
        return ServiceLoader.load(StateMachineProvider.class).stream()
                .map(p -> (StateMachineProvider<?, ?>) p.get())
                .collect(Collectors.toMap(StateMachineProvider::name, Function.identity()));
    }

    @Test
    void findsTheKvStateMachine() {
        StateMachineProvider<?, ?> kv = stateMachines().get("kv");
        assertThat(kv).isNotNull();
        assertThat(kv.commandType()).isEqualTo(KvCommand.class);
        assertThat(kv.resultType()).isEqualTo(KvResult.class);
        StateMachine<?, ?> first = kv.create(Options.empty("stateMachine"));
        assertThat(first).isInstanceOf(KvStore.class);
        assertThat(kv.create(Options.empty("stateMachine"))).as("a fresh store each time").isNotSameAs(first);
    }

    @Test
    void findsTheWordsStateMachine() {
        StateMachineProvider<?, ?> words = stateMachines().get("words");
        assertThat(words).isNotNull();
        assertThat(words.commandType()).isEqualTo(String.class);
        assertThat(words.resultType()).isEqualTo(Integer.class);
        assertThat(words.create(Options.empty("stateMachine"))).isInstanceOf(WordTracker.class);
    }

    @Test
    void findsTheKvBinaryCodecAndItServesTheKvTypes() {
        CodecProvider codec = ServiceLoader.load(CodecProvider.class).stream()
                .map(ServiceLoader.Provider::get)
                .filter(p -> p.name().equals("kv-binary"))
                .findFirst().orElseThrow();
        StateMachineProvider<?, ?> kv = stateMachines().get("kv");
        // The launcher's path: choose codecs by the state machine's declared types.
        assertThat(codec.codecFor(kv.commandType(), Options.empty("codec"))).isNotNull();
        assertThat(codec.codecFor(kv.resultType(), Options.empty("codec"))).isNotNull();
    }
}
