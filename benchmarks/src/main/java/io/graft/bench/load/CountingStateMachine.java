package io.graft.bench.load;

import io.graft.api.SnapshotWriter;
import io.graft.api.StateMachine;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * The benchmark's state machine: as cheap as possible, yet able to prove exactly-once application. It
 * counts commands and sums their fingerprints, and checks that sequence numbers only increase (one
 * submitter, one leader: the log order is the submission order, so a repeat shows a duplicate). Its state
 * is five numbers, so snapshots, which let the log be compacted during long runs, cost nothing.
 *
 * <p>Applied on the member's apply thread; {@link #state()} may be read from any thread.
 */
public final class CountingStateMachine implements StateMachine<byte[], Void> {
    private long count;
    private long lastSequence;
    private long fingerprintSum;
    private long outOfOrder;
    private long lastIndex;

    @Override
    public synchronized Void apply(long index, byte[] command) {
        long sequence = Commands.sequence(command);
        if (sequence <= lastSequence) {
            outOfOrder++;
        }
        lastSequence = sequence;
        fingerprintSum += Commands.fingerprint(sequence);
        lastIndex = index;
        count++;
        return null; // No result: a boxed one would add the harness's allocation to every member's apply.
    }

    /** What has been applied so far. */
    public synchronized AppliedState state() {
        return new AppliedState(count, lastSequence, fingerprintSum, outOfOrder, lastIndex);
    }

    @Override
    public SnapshotWriter snapshot() {
        AppliedState s = state();
        return out -> {
            DataOutputStream d = new DataOutputStream(out);
            d.writeLong(s.count());
            d.writeLong(s.lastSequence());
            d.writeLong(s.fingerprintSum());
            d.writeLong(s.outOfOrder());
            d.writeLong(s.lastIndex());
            d.flush();
        };
    }

    @Override
    public void restore(InputStream in) throws IOException {
        DataInputStream d = new DataInputStream(in);
        long c = d.readLong();
        long last = d.readLong();
        long sum = d.readLong();
        long bad = d.readLong();
        long index = d.readLong();
        synchronized (this) {
            count = c;
            lastSequence = last;
            fingerprintSum = sum;
            outOfOrder = bad;
            lastIndex = index;
        }
    }
}
