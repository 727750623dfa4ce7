package io.graft.core.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.graft.api.CodecProvider;
import io.graft.api.StateMachine;
import io.graft.api.StateMachineProvider;
import io.graft.api.config.ConfigurationException;
import io.graft.api.config.Options;
import io.graft.api.transport.TransportProvider;
import io.graft.core.codec.BytesCodecProvider;
import io.graft.core.codec.Utf8CodecProvider;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PluginsTest {

    private final Plugins plugins = new Plugins();

    @Test
    void finds_the_built_in_codecs_by_name() {
        assertThat(plugins.codec("bytes")).isInstanceOf(BytesCodecProvider.class);
        assertThat(plugins.codec("string")).isInstanceOf(Utf8CodecProvider.class);
        assertThat(plugins.availableCodecNames()).contains("bytes", "string");
    }

    @Test
    void finds_providers_registered_in_meta_inf_services() {
        TransportProvider transport = plugins.transport(TestTransportProvider.NAME);
        StateMachineProvider<?, ?> stateMachine = plugins.stateMachine(TestStateMachineProvider.NAME);

        assertThat(transport).isInstanceOf(TestTransportProvider.class);
        assertThat(stateMachine.commandType()).isEqualTo(String.class);
        assertThat(plugins.availableTransportNames()).contains(TestTransportProvider.NAME);
        assertThat(plugins.availableStateMachineNames()).contains(TestStateMachineProvider.NAME);
    }

    @Test
    void a_found_state_machine_provider_makes_working_machines() {
        @SuppressWarnings("unchecked")
        StateMachineProvider<String, Long> provider =
                (StateMachineProvider<String, Long>) plugins.stateMachine(TestStateMachineProvider.NAME);
        StateMachine<String, Long> machine = provider.create(Options.empty("stateMachineOptions"));

        assertThat(machine.apply(1, "a")).isEqualTo(1L);
        assertThat(machine.apply(2, "b")).isEqualTo(2L);
    }

    @Test
    void an_unknown_name_lists_the_available_ones_sorted_and_says_how_to_add_one() {
        ConfigurationException e = catchThrowableOfType(ConfigurationException.class, () -> plugins.codec("kryo"));

        assertThat(e.key()).isEqualTo("codec");
        assertThat(e.getMessage()).contains("no codec named 'kryo'", "available: " + String.join(", ",
                plugins.availableCodecNames()), "META-INF/services/io.graft.api.CodecProvider", "jar");
    }

    @Test
    void lists_available_names_sorted_whatever_the_service_file_order(@TempDir Path dir) {
        Plugins reversed = new Plugins(new ServiceFilesClassLoader(dir).offering(CodecProvider.class,
                List.of(Utf8CodecProvider.class.getName(), BytesCodecProvider.class.getName())));

        assertThat(reversed.availableCodecNames()).containsExactly("bytes", "string");
        assertThat(catchThrowableOfType(ConfigurationException.class, () -> reversed.codec("json")))
                .hasMessageContaining("available: bytes, string.");
    }

    @Test
    void an_unknown_transport_or_state_machine_names_its_key() {
        ConfigurationException transport = catchThrowableOfType(ConfigurationException.class,
                () -> plugins.transport("carrier-pigeon"));
        ConfigurationException stateMachine = catchThrowableOfType(ConfigurationException.class,
                () -> plugins.stateMachine("kv"));

        assertThat(transport.key()).isEqualTo("transport");
        assertThat(transport.getMessage()).contains("no transport named 'carrier-pigeon'", TestTransportProvider.NAME,
                "META-INF/services/io.graft.api.transport.TransportProvider");
        assertThat(stateMachine.key()).isEqualTo("stateMachine");
        assertThat(stateMachine.getMessage()).contains("no state machine named 'kv'", TestStateMachineProvider.NAME);
    }

    @Test
    void an_empty_state_machine_name_asks_for_one() {
        ConfigurationException e = catchThrowableOfType(ConfigurationException.class, () -> plugins.stateMachine(""));

        assertThat(e.key()).isEqualTo("stateMachine");
        assertThat(e.getMessage()).contains("set 'stateMachine' to one of", TestStateMachineProvider.NAME);
    }

    @Test
    void says_when_nothing_is_available(@TempDir Path dir) {
        Plugins none = new Plugins(new ServiceFilesClassLoader(dir).offering(CodecProvider.class, List.of()));

        assertThat(none.availableCodecNames()).isEmpty();
        assertThat(catchThrowableOfType(ConfigurationException.class, () -> none.codec("bytes")))
                .hasMessageContaining("available: none");
    }

    @Test
    void looks_only_in_the_class_loader_it_is_given(@TempDir Path dir) {
        Plugins onlyBytes = new Plugins(new ServiceFilesClassLoader(dir)
                .offering(CodecProvider.class, List.of(BytesCodecProvider.class.getName())));

        assertThat(onlyBytes.availableCodecNames()).containsExactly("bytes");
    }

    @Test
    void uses_the_context_class_loader_by_default(@TempDir Path dir) {
        ClassLoader previous = Thread.currentThread().getContextClassLoader();
        Thread.currentThread().setContextClassLoader(new ServiceFilesClassLoader(dir)
                .offering(CodecProvider.class, List.of(Utf8CodecProvider.class.getName())));
        try {
            assertThat(new Plugins().availableCodecNames()).containsExactly("string");
        } finally {
            Thread.currentThread().setContextClassLoader(previous);
        }
    }

    @Test
    void two_providers_with_one_name_are_refused_naming_both_classes(@TempDir Path dir) {
        Plugins twoBytes = new Plugins(new ServiceFilesClassLoader(dir).offering(CodecProvider.class, List.of(
                BytesCodecProvider.class.getName(), MisbehavingCodecProviders.ImpostorBytes.class.getName())));

        ConfigurationException e = catchThrowableOfType(ConfigurationException.class, () -> twoBytes.codec("bytes"));

        assertThat(e.key()).isEqualTo("codec");
        assertThat(e.getMessage()).contains("two codec providers are named 'bytes'",
                BytesCodecProvider.class.getName(), MisbehavingCodecProviders.ImpostorBytes.class.getName());
    }

    @Test
    void a_provider_that_fails_to_start_is_named_with_the_reason(@TempDir Path dir) {
        Plugins broken = new Plugins(new ServiceFilesClassLoader(dir).offering(CodecProvider.class, List.of(
                BytesCodecProvider.class.getName(), MisbehavingCodecProviders.FailsToStart.class.getName())));

        ConfigurationException e = catchThrowableOfType(ConfigurationException.class, () -> broken.codec("bytes"));

        assertThat(e.key()).isEqualTo("codec");
        assertThat(e.getMessage()).contains(MisbehavingCodecProviders.FailsToStart.class.getName(),
                "failed to start", "license key missing");
    }

    @Test
    void a_listed_class_that_does_not_exist_is_named(@TempDir Path dir) {
        Plugins missing = new Plugins(new ServiceFilesClassLoader(dir)
                .offering(CodecProvider.class, List.of("com.example.GoneCodecProvider")));

        ConfigurationException e = catchThrowableOfType(ConfigurationException.class, missing::availableCodecNames);

        assertThat(e.key()).isEqualTo("codec");
        assertThat(e.getMessage()).contains("com.example.GoneCodecProvider", "cannot be loaded");
    }

    @Test
    void a_provider_without_a_name_is_refused(@TempDir Path dir) {
        Plugins nameless = new Plugins(new ServiceFilesClassLoader(dir)
                .offering(CodecProvider.class, List.of(MisbehavingCodecProviders.Nameless.class.getName())));

        assertThat(catchThrowableOfType(ConfigurationException.class, nameless::availableCodecNames))
                .hasMessageContaining(MisbehavingCodecProviders.Nameless.class.getName())
                .hasMessageContaining("has no name");
    }
}
