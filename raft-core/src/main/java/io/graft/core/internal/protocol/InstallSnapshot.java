package io.graft.core.internal.protocol;

/**
 * One chunk of a snapshot the leader sends to a follower that needs entries the leader has compacted away
 * (Raft §7). The chunks are the snapshot file's bytes, so the follower checks the same checksum the leader
 * wrote; {@code done} marks the last chunk.
 *
 * @param index the last log index the snapshot covers
 * @param snapshotTerm the term of that entry
 * @param totalSize the snapshot file's size
 * @param offset where {@code data} starts in the file
 */
public record InstallSnapshot(int from, int to, long term, long index, long snapshotTerm, long totalSize,
                              long offset, byte[] data, boolean done) implements Message {

    @Override
    public boolean equals(Object o) {
        return o instanceof InstallSnapshot s && s.from == from && s.to == to && s.term == term && s.index == index
                && s.snapshotTerm == snapshotTerm && s.totalSize == totalSize && s.offset == offset
                && s.done == done && java.util.Arrays.equals(s.data, data);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(index) * 31 + Long.hashCode(offset);
    }

    @Override
    public String toString() {
        return "InstallSnapshot[" + from + "->" + to + " t" + term + " snapshot " + index + "@" + snapshotTerm
                + " bytes " + offset + "+" + data.length + "/" + totalSize + (done ? " done" : "") + "]";
    }
}
