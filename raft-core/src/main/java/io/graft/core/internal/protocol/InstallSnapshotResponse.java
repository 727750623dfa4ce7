package io.graft.core.internal.protocol;

/**
 * The follower's answer to an {@link InstallSnapshot} chunk: the offset it wants next (which lets a transfer
 * resume where a partial one stopped), or {@code installed} once the snapshot has replaced its state.
 *
 * @param index the snapshot's last included index
 * @param nextOffset the next byte the follower needs
 * @param installed whether the snapshot is now this follower's state (its log matches up to {@code index})
 */
public record InstallSnapshotResponse(int from, int to, long term, long index, long nextOffset, boolean installed)
        implements Message {
}
