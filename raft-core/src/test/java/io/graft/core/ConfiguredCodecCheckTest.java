package io.graft.core;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.graft.api.Codec;
import io.graft.api.config.ClusterConfig;
import io.graft.api.transport.Transport;
import io.graft.api.transport.TransportContext;
import io.graft.api.transport.WireMessage;
import io.graft.core.codec.BuiltinCodecs;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** A {@code codec:} the configuration names but a member does not use is reported, not silently ignored. */
class ConfiguredCodecCheckTest {
    private static final Codec<String> HOME_MADE = new Codec<>() {
        @Override
        public byte[] encode(String value) {
            return value.getBytes(StandardCharsets.UTF_8);
        }

        @Override
        public String decode(byte[] bytes) {
            return new String(bytes, StandardCharsets.UTF_8);
        }
    };

    private final Logger logger = (Logger) LoggerFactory.getLogger(Graft.class);
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

    @BeforeEach
    void capture() {
        appender.start();
        logger.addAppender(appender);
        logger.setAdditive(false); // The warnings are expected: kept out of the build's log.
    }

    @AfterEach
    void release() {
        logger.setAdditive(true);
        logger.detachAppender(appender);
    }

    private static ClusterConfig.Builder cluster() {
        return ClusterConfig.builder().member(1, "a", 1);
    }

    private List<String> warnings() {
        return appender.list.stream().filter(e -> e.getLevel() == Level.WARN).map(ILoggingEvent::getFormattedMessage)
                .toList();
    }

    @Test
    void aNamedCodecThatTheInstanceIsNotIsReportedWithTheKeyAndTheCodecUsed() {
        ConfiguredCodecCheck.warnIfIgnored(cluster().codec("kryo").build(), 1, "commands", HOME_MADE);

        assertThat(warnings()).singleElement().asString()
                .contains("member 1", "codec 'kryo'", "(key 'codec')", "descriptor '" + HOME_MADE.descriptor() + "'",
                        "instance is used", "'codecOptions' are ignored");
    }

    @Test
    void nothingIsSaidWhenTheInstanceIsTheCodecNamedOrNoneIsNamed() {
        ConfiguredCodecCheck.warnIfIgnored(cluster().codec("string").build(), 1, "commands", BuiltinCodecs.utf8());
        ConfiguredCodecCheck.warnIfIgnored(cluster().codec("bytes").build(), 1, "commands", BuiltinCodecs.bytes());
        ConfiguredCodecCheck.warnIfIgnored(cluster().build(), 1, "commands", HOME_MADE);

        assertThat(warnings()).isEmpty();
    }

    @Test
    void aDescriptorNamesACodecByItsNameThenAVersion() {
        assertThat(ConfiguredCodecCheck.isNamed("kryo", "kryo/01ab23cd")).isTrue();
        assertThat(ConfiguredCodecCheck.isNamed("kv-binary", "kv-binary-result/v1")).isTrue();
        assertThat(ConfiguredCodecCheck.isNamed("bytes", "bytes")).isTrue();
        assertThat(ConfiguredCodecCheck.isNamed("kv", "kv-binary/v1")).isTrue();
        assertThat(ConfiguredCodecCheck.isNamed("kryo", "kryo5/1")).isFalse();
        assertThat(ConfiguredCodecCheck.isNamed("kryo", "com.example.KryoCodec")).isFalse();
    }

    @Test
    void startingAMemberChecksTheCommandCodec() {
        ClusterConfig config = cluster().codec("kryo").build();

        Graft.node(config, 1, (index, command) -> 0, HOME_MADE).transport(new Transport() {
            @Override
            public void start(TransportContext context) {
            }

            @Override
            public void send(WireMessage message) {
            }

            @Override
            public void close() {
            }
        }).start().close();

        assertThat(warnings()).anySatisfy(w -> assertThat(w).contains("codec 'kryo'", "for commands"));
    }
}
