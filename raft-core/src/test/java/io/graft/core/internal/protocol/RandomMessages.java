package io.graft.core.internal.protocol;

import io.graft.core.storage.EntryType;
import io.graft.core.storage.LogEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Valid protocol messages with random contents, reproducible from a seed. */
final class RandomMessages {
    private final Random random;
    private final int maxPayload;

    /**
     * @param seed the seed, so a failure can be replayed
     * @param maxPayload the largest entry payload to make
     */
    RandomMessages(long seed, int maxPayload) {
        this.random = new Random(seed);
        this.maxPayload = maxPayload;
    }

    Random random() {
        return random;
    }

    /** A message of a random type. */
    Message next() {
        switch (random.nextInt(7)) {
            case 0:
                return voteRequest();
            case 1:
                return voteResponse();
            case 2:
                return appendRequest(random.nextInt(9));
            case 3:
                return installSnapshot();
            case 4:
                return installSnapshotResponse();
            case 5:
                return timeoutNow();
            default:
                return appendResponse();
        }
    }

    InstallSnapshot installSnapshot() {
        byte[] data = payload();
        long total = Math.max(data.length, Math.min(Long.MAX_VALUE - 1, count()));
        long offset = total - data.length;
        return new InstallSnapshot(id(), id(), count(), count(), count(), total, offset, data, random.nextBoolean());
    }

    InstallSnapshotResponse installSnapshotResponse() {
        return new InstallSnapshotResponse(id(), id(), count(), count(), count(), random.nextBoolean());
    }

    TimeoutNow timeoutNow() {
        return new TimeoutNow(id(), id(), count());
    }

    VoteRequest voteRequest() {
        return new VoteRequest(id(), id(), count(), count(), count(), random.nextBoolean(), random.nextBoolean(),
                random.nextBoolean());
    }

    VoteResponse voteResponse() {
        return new VoteResponse(id(), id(), count(), random.nextBoolean(), random.nextBoolean());
    }

    AppendResponse appendResponse() {
        return new AppendResponse(id(), id(), count(), random.nextBoolean(), count(), count(), count(), count(),
                random.nextBoolean());
    }

    /** An append request with {@code entries} consecutive entries after a random previous index. */
    AppendRequest appendRequest(int entries) {
        long prevIndex = Math.min(count(), Long.MAX_VALUE - entries);
        List<LogEntry> list = new ArrayList<>(entries);
        for (int i = 0; i < entries; i++) {
            long index = prevIndex + 1 + i;
            list.add(switch (random.nextInt(6)) {
                case 0 -> LogEntry.noop(index, count());
                case 1 -> new LogEntry(index, count(), EntryType.CONFIGURATION, payload());
                default -> LogEntry.command(index, count(), payload());
            });
        }
        return new AppendRequest(id(), id(), count(), prevIndex, count(), count(), List.copyOf(list), count(), count());
    }

    /** A member id: any positive int, often small. */
    private int id() {
        return random.nextBoolean() ? 1 + random.nextInt(7) : 1 + random.nextInt(Integer.MAX_VALUE);
    }

    /** A term or index: zero, small or anywhere up to {@code Long.MAX_VALUE}. */
    private long count() {
        switch (random.nextInt(4)) {
            case 0:
                return 0;
            case 1:
                return random.nextInt(1000);
            case 2:
                return Long.MAX_VALUE - random.nextInt(1000);
            default:
                return random.nextLong() & Long.MAX_VALUE;
        }
    }

    /** Often empty, usually small, sometimes up to {@code maxPayload} bytes. */
    private byte[] payload() {
        int size;
        switch (random.nextInt(4)) {
            case 0:
                size = 0;
                break;
            case 1:
                size = random.nextInt(maxPayload + 1);
                break;
            default:
                size = random.nextInt(Math.min(maxPayload, 32) + 1);
        }
        byte[] bytes = new byte[size];
        random.nextBytes(bytes);
        return bytes;
    }
}
