package io.graft.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The checks behind {@code verified}: they must catch duplicates, losses and divergence. */
class VerificationTest {

    private static byte[] command(long sequence) {
        byte[] b = Commands.buffer(16);
        Commands.setSequence(b, sequence);
        return b;
    }

    private static AckTally acknowledged(long... sequences) {
        AckTally tally = new AckTally();
        for (long s : sequences) {
            tally.submitted();
            tally.acknowledged(s, 1_000);
        }
        return tally;
    }

    @Test
    void sequenceNumbersRoundTripThroughCommands() {
        assertThat(Commands.sequence(command(0x0102030405060708L))).isEqualTo(0x0102030405060708L);
        assertThat(Commands.sequence(command(Long.MAX_VALUE))).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void aStateMachineCountsRepeatsAsOutOfOrder() {
        CountingStateMachine sm = new CountingStateMachine();
        sm.apply(1, command(1));
        sm.apply(2, command(2));
        sm.apply(3, command(2));

        assertThat(sm.state().count()).isEqualTo(3);
        assertThat(sm.state().outOfOrder()).isEqualTo(1);
    }

    @Test
    void membersThatAppliedExactlyTheAcknowledgedCommandsVerify() {
        CountingStateMachine a = new CountingStateMachine();
        CountingStateMachine b = new CountingStateMachine();
        for (long s = 1; s <= 3; s++) {
            a.apply(s, command(s));
            b.apply(s + 1, command(s));
        }

        assertThat(LoadResult.verify(List.of(a.state(), b.state()), acknowledged(1, 2, 3).totals())).isTrue();
    }

    @Test
    void aLostAcknowledgedCommandFailsVerification() {
        CountingStateMachine a = new CountingStateMachine();
        a.apply(1, command(1));
        a.apply(2, command(3));

        assertThat(LoadResult.verify(List.of(a.state()), acknowledged(1, 2, 3).totals())).isFalse();
    }

    @Test
    void aDifferentCommandWithTheSameCountFailsVerification() {
        CountingStateMachine a = new CountingStateMachine();
        a.apply(1, command(1));
        a.apply(2, command(4));
        a.apply(3, command(3));

        assertThat(LoadResult.verify(List.of(a.state()), acknowledged(1, 2, 3).totals())).isFalse();
    }

    @Test
    void membersThatDivergeFailVerification() {
        CountingStateMachine a = new CountingStateMachine();
        CountingStateMachine b = new CountingStateMachine();
        a.apply(1, command(1));
        b.apply(1, command(2));

        assertThat(LoadResult.verify(List.of(a.state(), b.state()), new AckTally().totals())).isFalse();
    }

    @Test
    void aRemoteClientsReorderedCommandsVerifyWhenOrderIsNotRequired() {
        CountingStateMachine a = new CountingStateMachine();
        a.apply(1, command(1));
        a.apply(2, command(3));
        a.apply(3, command(2));

        assertThat(LoadResult.verify(List.of(a.state()), acknowledged(1, 2, 3).totals(), false)).isTrue();
        assertThat(LoadResult.verify(List.of(a.state()), acknowledged(1, 2, 3).totals(), true)).isFalse();
    }

    @Test
    void aDuplicateFailsVerificationEvenWhenOrderIsNotRequired() {
        CountingStateMachine a = new CountingStateMachine();
        a.apply(1, command(1));
        a.apply(2, command(2));
        a.apply(3, command(2));

        assertThat(LoadResult.verify(List.of(a.state()), acknowledged(1, 2).totals(), false)).isFalse();
    }

    @Test
    void aSnapshotRestoresTheWholeState() throws IOException {
        CountingStateMachine source = new CountingStateMachine();
        source.apply(5, command(7));
        source.apply(6, command(7));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        source.snapshot().writeTo(out);

        CountingStateMachine copy = new CountingStateMachine();
        copy.restore(new ByteArrayInputStream(out.toByteArray()));

        assertThat(copy.state()).isEqualTo(source.state());
        assertThat(copy.state().outOfOrder()).isEqualTo(1);
    }
}
