package io.graft.core.internal.client;

import io.graft.api.MalformedMessageException;
import io.graft.api.Membership;
import io.graft.api.Role;
import io.graft.api.report.FollowerReport;
import io.graft.api.report.MemberReport;
import io.graft.api.report.ReplicationMode;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The body of the reply to {@link AdminOperation#REPORT}: a {@link MemberReport}, big-endian.
 *
 * <pre>
 * version u8 (=1) | memberId i32 | clusterIdLength i32 | clusterId (UTF-8) | role u8 | term i64
 * | leaderId i32 (0: none known) | catchingUp u8 | commitIndex i64 | appliedIndex i64 | firstLogIndex i64
 * | lastLogIndex i64 | logBytes i64 | snapshotIndex i64 | snapshotBytes i64 | pendingCommands i32
 * | pendingReads i32 | uptimeMillis i64 | failureLength i32 (-1: none) | failure (UTF-8)
 * | membershipLength i32 | membership ({@link MembershipBody}) | followers i32 | follower...
 * follower: memberId i32 | voter u8 | matchIndex i64 | nextIndex i64 | inflightAppends i32 | mode u8
 *           | sinceLastContactMillis i64 (-1: never) | catchingUp u8
 * </pre>
 *
 * Booleans are 0 or 1. Roles and replication modes have fixed codes ({@link #roleCode}, {@link #modeCode}): a new
 * constant takes a new code, and no code ever changes or is reused. A later version of the body only appends
 * fields after those of version 1, so a decoder reads the fields it knows and ignores what follows them in a newer
 * member's report; in a version 1 body, anything after the last follower is refused. Decoding trusts nothing and
 * throws {@link MalformedMessageException} for any inconsistency.
 */
public final class ReportBody {
    /** The version this class writes. */
    static final byte VERSION = 1;
    /** The bytes of one follower. */
    private static final int FOLLOWER_BYTES = 4 + 1 + 8 + 8 + 4 + 1 + 8 + 1;

    private ReportBody() {
    }

    public static byte[] encode(MemberReport r) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256 + FOLLOWER_BYTES * r.followers().size());
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(VERSION);
            out.writeInt(r.memberId());
            text(out, r.clusterId());
            out.writeByte(roleCode(r.role()));
            out.writeLong(r.term());
            out.writeInt(r.leaderId().orElse(0));
            out.writeBoolean(r.catchingUp());
            out.writeLong(r.commitIndex());
            out.writeLong(r.appliedIndex());
            out.writeLong(r.firstLogIndex());
            out.writeLong(r.lastLogIndex());
            out.writeLong(r.logBytes());
            out.writeLong(r.snapshotIndex());
            out.writeLong(r.snapshotBytes());
            out.writeInt(r.pendingCommands());
            out.writeInt(r.pendingReads());
            out.writeLong(r.uptime().toMillis());
            if (r.failure().isPresent()) {
                text(out, r.failure().get());
            } else {
                out.writeInt(-1);
            }
            byte[] membership = MembershipBody.encode(r.membership());
            out.writeInt(membership.length);
            out.write(membership);
            out.writeInt(r.followers().size());
            for (FollowerReport f : r.followers()) {
                out.writeInt(f.memberId());
                out.writeBoolean(f.voter());
                out.writeLong(f.matchIndex());
                out.writeLong(f.nextIndex());
                out.writeInt(f.inflightAppends());
                out.writeByte(modeCode(f.mode()));
                out.writeLong(f.sinceLastContact().map(Duration::toMillis).orElse(-1L));
                out.writeBoolean(f.catchingUp());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory cannot fail", e);
        }
        return bytes.toByteArray();
    }

    public static MemberReport decode(byte[] body) {
        ByteBuffer b = ByteBuffer.wrap(body);
        try {
            int version = b.get();
            if (version < VERSION) {
                throw new MalformedMessageException("unsupported report version " + version);
            }
            int memberId = positive(b.getInt(), "member id");
            String clusterId = text(b, "cluster id");
            Role role = role(b.get());
            long term = notNegative(b.getLong(), "term");
            int leader = notNegative(b.getInt(), "leader id");
            boolean catchingUp = bool(b.get());
            long commitIndex = notNegative(b.getLong(), "commit index");
            long appliedIndex = notNegative(b.getLong(), "applied index");
            long firstLogIndex = notNegative(b.getLong(), "first log index");
            long lastLogIndex = notNegative(b.getLong(), "last log index");
            long logBytes = notNegative(b.getLong(), "log size");
            long snapshotIndex = notNegative(b.getLong(), "snapshot index");
            long snapshotBytes = notNegative(b.getLong(), "snapshot size");
            int pendingCommands = notNegative(b.getInt(), "pending command count");
            int pendingReads = notNegative(b.getInt(), "pending read count");
            Duration uptime = Duration.ofMillis(notNegative(b.getLong(), "uptime"));
            Optional<String> failure = failure(b);
            Membership membership = MembershipBody.decode(bytes(b, "membership"));
            List<FollowerReport> followers = followers(b);
            if (version == VERSION && b.hasRemaining()) {
                throw new MalformedMessageException(b.remaining() + " bytes after the report");
            }
            return new MemberReport(memberId, clusterId, role, term,
                    leader == 0 ? OptionalInt.empty() : OptionalInt.of(leader), catchingUp, commitIndex, appliedIndex,
                    firstLogIndex, lastLogIndex, logBytes, snapshotIndex, snapshotBytes, pendingCommands,
                    pendingReads, membership, followers, uptime, failure);
        } catch (BufferUnderflowException | IndexOutOfBoundsException e) {
            throw new MalformedMessageException("truncated report");
        }
    }

    /** The byte that stands for {@code role} in a report. */
    static int roleCode(Role role) {
        return switch (role) {
            case FOLLOWER -> 0;
            case PRE_CANDIDATE -> 1;
            case CANDIDATE -> 2;
            case LEADER -> 3;
        };
    }

    /** The byte that stands for {@code mode} in a report. */
    static int modeCode(ReplicationMode mode) {
        return switch (mode) {
            case PROBE -> 0;
            case REPLICATE -> 1;
            case SNAPSHOT -> 2;
        };
    }

    private static Role role(int code) {
        return switch (code) {
            case 0 -> Role.FOLLOWER;
            case 1 -> Role.PRE_CANDIDATE;
            case 2 -> Role.CANDIDATE;
            case 3 -> Role.LEADER;
            default -> throw new MalformedMessageException("unknown role code " + code + " (known: 0 to 3)");
        };
    }

    private static ReplicationMode mode(int code) {
        return switch (code) {
            case 0 -> ReplicationMode.PROBE;
            case 1 -> ReplicationMode.REPLICATE;
            case 2 -> ReplicationMode.SNAPSHOT;
            default -> throw new MalformedMessageException("unknown replication mode code " + code
                    + " (known: 0 to 2)");
        };
    }

    private static Optional<String> failure(ByteBuffer b) {
        if (b.getInt(b.position()) == -1) {
            b.getInt();
            return Optional.empty();
        }
        return Optional.of(text(b, "failure"));
    }

    private static List<FollowerReport> followers(ByteBuffer b) {
        int count = b.getInt();
        if (count < 0 || (long) count * FOLLOWER_BYTES > b.remaining()) {
            throw new MalformedMessageException("invalid follower count " + count);
        }
        List<FollowerReport> followers = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int id = positive(b.getInt(), "follower id");
            boolean voter = bool(b.get());
            long match = notNegative(b.getLong(), "match index");
            long next = notNegative(b.getLong(), "next index");
            int inflight = notNegative(b.getInt(), "in-flight append count");
            ReplicationMode mode = mode(b.get());
            long contact = b.getLong();
            if (contact < -1) {
                throw new MalformedMessageException("invalid time since last contact " + contact);
            }
            boolean catchingUp = bool(b.get());
            followers.add(new FollowerReport(id, voter, match, next, inflight, mode,
                    contact == -1 ? Optional.empty() : Optional.of(Duration.ofMillis(contact)), catchingUp));
        }
        return followers;
    }

    private static void text(DataOutputStream out, String s) throws IOException {
        byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
        out.writeInt(utf8.length);
        out.write(utf8);
    }

    private static String text(ByteBuffer b, String what) {
        return new String(bytes(b, what), StandardCharsets.UTF_8);
    }

    /** A length-prefixed run of bytes, after checking that the length announced is there. */
    private static byte[] bytes(ByteBuffer b, String what) {
        int length = b.getInt();
        if (length < 0 || length > b.remaining()) {
            throw new MalformedMessageException("invalid length " + length + " of the " + what + " (" + b.remaining()
                    + " bytes left)");
        }
        byte[] bytes = new byte[length];
        b.get(bytes);
        return bytes;
    }

    private static boolean bool(byte value) {
        if (value != 0 && value != 1) {
            throw new MalformedMessageException("a boolean is 0 or 1, got " + value);
        }
        return value == 1;
    }

    private static int positive(int value, String what) {
        if (value <= 0) {
            throw new MalformedMessageException("invalid " + what + " " + value);
        }
        return value;
    }

    private static int notNegative(int value, String what) {
        if (value < 0) {
            throw new MalformedMessageException("negative " + what + " " + value);
        }
        return value;
    }

    private static long notNegative(long value, String what) {
        if (value < 0) {
            throw new MalformedMessageException("negative " + what + " " + value);
        }
        return value;
    }
}
