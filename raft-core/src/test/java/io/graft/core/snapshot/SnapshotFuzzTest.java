package io.graft.core.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Arrays;

/**
 * Fuzzes the snapshot reader: {@link SnapshotFormat#verify} on fuzzed bytes and a fuzzed declared size (the
 * input's first byte is how far the declared size is off, as a signed byte; the rest is the file), and
 * {@link SnapshotFormat#readHeader}. A damaged snapshot is refused with an {@link IOException} and nothing
 * else; one that passes is exactly what the writer produces for its header and data.
 *
 * <p>A normal test run replays the corpus in {@code SnapshotFuzzTestInputs}; to fuzz for real:
 * {@code JAZZER_FUZZ=1 ./mvnw -pl raft-core -am test -Dtest=SnapshotFuzzTest -Dsurefire.failIfNoSpecifiedTests=false}.
 */
class SnapshotFuzzTest {

    @FuzzTest(maxDuration = "5m")
    void verify(byte[] input) throws IOException {
        if (input.length == 0) {
            return;
        }
        byte[] file = Arrays.copyOfRange(input, 1, input.length);
        long size = (long) file.length + input[0];
        SnapshotMeta meta;
        try {
            meta = SnapshotFormat.verify(new ByteArrayInputStream(file), size);
        } catch (IOException refused) {
            return;
        }
        byte[] payload;
        try (InputStream in = SnapshotFormat.data(new ByteArrayInputStream(file), size)) {
            payload = in.readAllBytes();
        }
        ByteArrayOutputStream rewritten = new ByteArrayOutputStream();
        OutputStream out = SnapshotFormat.writer(meta, rewritten);
        out.write(payload);
        out.close();
        assertThat(size).isLessThanOrEqualTo(file.length);
        // What was accepted survives a rewrite in the current format version (older versions are read too).
        byte[] again = rewritten.toByteArray();
        assertThat(SnapshotFormat.verify(new ByteArrayInputStream(again), again.length)).isEqualTo(meta);
        try (InputStream in = SnapshotFormat.data(new ByteArrayInputStream(again), again.length)) {
            assertThat(in.readAllBytes()).isEqualTo(payload);
        }
    }

    @FuzzTest(maxDuration = "5m")
    void readHeader(byte[] bytes) {
        try {
            SnapshotMeta meta = SnapshotFormat.readHeader(new DataInputStream(new ByteArrayInputStream(bytes)));
            assertThat(meta.index()).isPositive();
            byte[] again = SnapshotFormat.header(meta);
            assertThat(SnapshotFormat.readHeader(new DataInputStream(new ByteArrayInputStream(again)))).isEqualTo(meta);
        } catch (IOException refused) {
            // The documented refusal.
        }
    }
}
