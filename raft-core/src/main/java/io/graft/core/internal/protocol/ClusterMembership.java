package io.graft.core.internal.protocol;

import io.graft.api.MalformedMessageException;
import io.graft.api.Membership;
import io.graft.api.config.Member;
import io.graft.core.storage.EntryType;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Who is in the cluster, with addresses: the payload of a {@link EntryType#CONFIGURATION} entry, and what a
 * snapshot records. Each entry holds the whole membership, so the latest one alone says everything.
 *
 * <p>Encoding, big-endian: {@code version u8 (=1) | count i32 | count x (id i32 | kind u8 | port i32 |
 * hostLength u16 | host UTF-8)}, members in id order.
 *
 * @param seats member id to its address and kind
 */
public record ClusterMembership(SortedMap<Integer, Seat> seats) {
    private static final byte VERSION = 1;
    private static final int MAX_MEMBERS = 10_000;

    /** No members: what a member joining an existing cluster starts with, until the leader's log arrives. */
    public static final ClusterMembership EMPTY = new ClusterMembership(new TreeMap<>());

    /**
     * What a member does in the cluster. Each kind has a fixed {@link #code()}, the byte that stands for it in a
     * membership's encoding (in the log, in snapshots, on the wire): codes never change or get reused.
     */
    public enum Kind {
        /** Votes, and counts towards every majority. */
        VOTER(0),
        /** Receives the log but never votes. */
        LEARNER(1),
        /** A learner the leader promotes to voter once it has caught up. */
        JOINING(2);

        private final int code;

        Kind(int code) {
            this.code = code;
        }

        /** The byte that stands for this kind. */
        public int code() {
            return code;
        }

        /**
         * The kind {@code code} stands for.
         *
         * @throws MalformedMessageException if it stands for none
         */
        public static Kind fromCode(int code) {
            switch (code) {
                case 0:
                    return VOTER;
                case 1:
                    return LEARNER;
                case 2:
                    return JOINING;
                default:
                    throw new MalformedMessageException("unknown membership kind code " + code + " (known: 0 to 2)");
            }
        }
    }

    /**
     * One member's place.
     *
     * @param member its id and address
     * @param kind whether it votes
     */
    public record Seat(Member member, Kind kind) {
    }

    public ClusterMembership {
        seats = Collections.unmodifiableSortedMap(new TreeMap<>(seats));
    }

    /** Every member of {@code members} a voter: a cluster's bootstrap membership. */
    public static ClusterMembership ofVoters(Collection<Member> members) {
        TreeMap<Integer, Seat> seats = new TreeMap<>();
        for (Member m : members) {
            seats.put(m.id(), new Seat(m, Kind.VOTER));
        }
        return new ClusterMembership(seats);
    }

    /** Voters with placeholder addresses, for cores run without a network (tests, simulations). */
    public static ClusterMembership ofVoterIds(int... ids) {
        List<Member> members = new ArrayList<>();
        for (int id : ids) {
            members.add(new Member(id, "member-" + id, 0));
        }
        return ofVoters(members);
    }

    public boolean isVoter(int id) {
        Seat s = seats.get(id);
        return s != null && s.kind == Kind.VOTER;
    }

    public boolean contains(int id) {
        return seats.containsKey(id);
    }

    /** The kind of member {@code id}, or {@code null} if it is not a member. */
    public Kind kind(int id) {
        Seat s = seats.get(id);
        return s == null ? null : s.kind;
    }

    /** The voters' ids, ascending. */
    public List<Integer> voterIds() {
        List<Integer> ids = new ArrayList<>();
        seats.forEach((id, s) -> {
            if (s.kind == Kind.VOTER) {
                ids.add(id);
            }
        });
        return ids;
    }

    public int voterCount() {
        int n = 0;
        for (Seat s : seats.values()) {
            if (s.kind == Kind.VOTER) {
                n++;
            }
        }
        return n;
    }

    /** How many voters make a majority. */
    public int quorum() {
        return voterCount() / 2 + 1;
    }

    /** Every member, voters and learners, in id order. */
    public List<Member> members() {
        return seats.values().stream().map(Seat::member).toList();
    }

    /** This membership with {@code member} added, or changed to {@code kind}. */
    public ClusterMembership with(Member member, Kind kind) {
        TreeMap<Integer, Seat> next = new TreeMap<>(seats);
        next.put(member.id(), new Seat(member, kind));
        return new ClusterMembership(next);
    }

    /** This membership without member {@code id}. */
    public ClusterMembership without(int id) {
        TreeMap<Integer, Seat> next = new TreeMap<>(seats);
        next.remove(id);
        return new ClusterMembership(next);
    }

    /** The public view, as the configuration entry at {@code index} (0 for a bootstrap membership). */
    public Membership toApi(long index) {
        TreeMap<Integer, Member> voters = new TreeMap<>();
        TreeMap<Integer, Member> learners = new TreeMap<>();
        seats.forEach((id, s) -> (s.kind == Kind.VOTER ? voters : learners).put(id, s.member));
        return new Membership(index, voters, learners);
    }

    /** The entry payload. */
    public byte[] encode() {
        List<byte[]> hosts = new ArrayList<>();
        int size = 1 + 4;
        for (Seat s : seats.values()) {
            byte[] host = s.member.host().getBytes(StandardCharsets.UTF_8);
            hosts.add(host);
            size += 4 + 1 + 4 + 2 + host.length;
        }
        ByteBuffer b = ByteBuffer.allocate(size).put(VERSION).putInt(seats.size());
        int i = 0;
        for (Seat s : seats.values()) {
            byte[] host = hosts.get(i++);
            if (host.length > 0xffff) {
                throw new IllegalArgumentException("member " + s.member.id() + "'s host name is too long");
            }
            b.putInt(s.member.id()).put((byte) s.kind.code()).putInt(s.member.port())
                    .putShort((short) host.length).put(host);
        }
        return b.array();
    }

    /**
     * Decodes an entry payload.
     *
     * @throws MalformedMessageException if the bytes are not a membership
     */
    public static ClusterMembership decode(byte[] payload) {
        try {
            ByteBuffer b = ByteBuffer.wrap(payload);
            byte version = b.get();
            if (version != VERSION) {
                throw new MalformedMessageException("unsupported membership version " + version);
            }
            int count = b.getInt();
            if (count < 0 || count > MAX_MEMBERS) {
                throw new MalformedMessageException("membership of " + count + " members");
            }
            TreeMap<Integer, Seat> seats = new TreeMap<>();
            for (int i = 0; i < count; i++) {
                int id = b.getInt();
                int kind = b.get();
                int port = b.getInt();
                int hostLength = b.getShort() & 0xffff;
                if (hostLength > b.remaining()) {
                    throw new MalformedMessageException("corrupt membership entry for member " + id);
                }
                byte[] host = new byte[hostLength];
                b.get(host);
                Member m = new Member(id, new String(host, StandardCharsets.UTF_8), port);
                if (seats.put(id, new Seat(m, Kind.fromCode(kind))) != null) {
                    throw new MalformedMessageException("member " + id + " is listed twice");
                }
            }
            if (b.hasRemaining()) {
                throw new MalformedMessageException(b.remaining() + " trailing bytes after a membership");
            }
            return new ClusterMembership(seats);
        } catch (BufferUnderflowException e) {
            throw new MalformedMessageException("truncated membership");
        } catch (IllegalArgumentException e) {
            throw new MalformedMessageException("invalid member in a membership: " + e.getMessage());
        }
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("{");
        seats.forEach((id, s) -> sb.append(sb.length() > 1 ? ", " : "").append(id)
                .append(s.kind == Kind.VOTER ? "" : s.kind == Kind.LEARNER ? "(learner)" : "(joining)"));
        return sb.append('}').toString();
    }
}
