package io.graft.core.internal.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.graft.core.internal.protocol.InstallSnapshotResponse;
import io.graft.core.internal.raft.SnapshotTarget;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The chunks a leader has out to one follower stay few whatever the follower's pace. Every answer used to bring
 * the next chunk, and a chunk resent because its answer was late is answered too: each resend to a follower
 * slower than the resend interval left one more chunk circling between the two for good.
 */
class SnapshotSenderTest {
    private static final long RESEND_AFTER = 100;
    private static final long CHUNK = 1;
    private static final int FOLLOWER = 3;

    /** A follower that stores chunks in order, as the snapshot thread does, answering each with where it is. */
    private static final class Follower {
        long written;
        final List<Long> received = new ArrayList<>();

        List<InstallSnapshotResponse> answer() {
            List<InstallSnapshotResponse> answers = new ArrayList<>();
            for (long offset : received) {
                if (offset == written) {
                    written += CHUNK;
                }
                answers.add(new InstallSnapshotResponse(FOLLOWER, 1, 1, 50, written, false));
            }
            received.clear();
            return answers;
        }
    }

    @Test
    void aFollowerSlowerThanTheResendIntervalGetsAFewChunksAtATimeNotOneMoreEachResend() {
        Follower follower = new Follower();
        SnapshotSender sender = new SnapshotSender((peer, term, index, snapshotTerm, offset) ->
                follower.received.add(offset), RESEND_AFTER);
        long now = 0;
        sender.start(new SnapshotTarget(FOLLOWER, 50, 1), 1, now);

        List<Integer> sentPerTurn = new ArrayList<>();
        for (int turn = 0; turn < 30; turn++) {
            // The answers come a resend interval late; the event loop polls before it handles messages.
            now += RESEND_AFTER;
            List<InstallSnapshotResponse> answers = follower.answer();
            sender.poll(now);
            for (InstallSnapshotResponse a : answers) {
                sender.onAck(a, now);
            }
            sentPerTurn.add(follower.received.size());
        }
        assertThat(Collections.max(sentPerTurn)).as("chunks sent per turn: %s", sentPerTurn).isLessThanOrEqualTo(2);
        assertThat(follower.written).as("the transfer still moves").isGreaterThanOrEqualTo(15);
    }
}
