package io.graft.examples.kv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.graft.api.Codec;
import io.graft.api.CodecException;
import io.graft.api.config.Options;
import org.junit.jupiter.api.Test;

class KvCodecProviderTest {

    private final KvCodecProvider provider = new KvCodecProvider();
    private final Options none = Options.empty("codec");

    @Test
    void givesTheCommandAndResultCodecs() {
        Codec<KvCommand> commands = provider.codecFor(KvCommand.class, none);
        Codec<KvResult> results = provider.codecFor(KvResult.class, none);
        assertThat(provider.name()).isEqualTo("kv-binary");
        assertThat(commands.decode(commands.encode(KvCommand.put("k", "v")))).isEqualTo(KvCommand.put("k", "v"));
        assertThat(results.decode(results.encode(new KvResult(true, "v")))).isEqualTo(new KvResult(true, "v"));
    }

    @Test
    void rejectsOtherTypesWithAMessageThatSaysWhatToDo() {
        assertThatThrownBy(() -> provider.codecFor(String.class, none))
                .isExactlyInstanceOf(CodecException.class)
                .hasMessageContaining("kv-binary").hasMessageContaining("java.lang.String")
                .hasMessageContaining("KvCommand").hasMessageContaining("kryo");
        // A codec for one command variant would have to refuse the others: only the sealed parent is served.
        assertThatThrownBy(() -> provider.codecFor(KvCommand.Put.class, none)).isInstanceOf(CodecException.class);
    }
}
