package io.graft.core.internal.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.graft.api.MalformedMessageException;

/**
 * Fuzzes {@link MessageCodec#decode}: bytes from the network either decode to a message that encodes back to
 * exactly the same bytes, or are refused with a {@link MalformedMessageException}; nothing else may escape.
 *
 * <p>A normal test run replays the corpus in {@code MessageFuzzTestInputs}; to fuzz for real:
 * {@code JAZZER_FUZZ=1 ./mvnw -pl raft-core -am test -Dtest=MessageFuzzTest -Dsurefire.failIfNoSpecifiedTests=false}.
 */
class MessageFuzzTest {

    @FuzzTest(maxDuration = "5m")
    void decode(byte[] input) {
        Message m;
        try {
            m = MessageCodec.decode(input);
        } catch (MalformedMessageException refused) {
            return;
        }
        byte[] again = MessageCodec.encode(m);
        assertThat(again).isEqualTo(input);
        assertThat(m.encodedSize()).isEqualTo(input.length);
        assertThat(MessageCodec.decode(again)).isEqualTo(m);
    }
}
