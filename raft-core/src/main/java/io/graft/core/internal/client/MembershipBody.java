package io.graft.core.internal.client;

import io.graft.api.MalformedMessageException;
import io.graft.api.Membership;
import io.graft.api.config.Member;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The body of the reply to {@link AdminOperation#MEMBERSHIP}, big-endian:
 *
 * <pre>
 * index i64 | voters i32 | voter... | learners i32 | learner...
 * member: id i32 | port i32 | hostLength i32 | host (UTF-8)
 * </pre>
 */
public final class MembershipBody {
    /** More members than any cluster has: a larger count means a damaged or hostile frame. */
    private static final int MAX_MEMBERS = 10_000;

    private MembershipBody() {
    }

    public static byte[] encode(Membership m) {
        List<byte[]> hosts = new ArrayList<>();
        int size = 8 + 4 + 4;
        for (Member member : members(m)) {
            byte[] host = member.host().getBytes(StandardCharsets.UTF_8);
            hosts.add(host);
            size += 4 + 4 + 4 + host.length;
        }
        ByteBuffer b = ByteBuffer.allocate(size).putLong(m.index());
        int i = 0;
        b.putInt(m.voters().size());
        for (Member member : m.voters().values()) {
            put(b, member, hosts.get(i++));
        }
        b.putInt(m.learners().size());
        for (Member member : m.learners().values()) {
            put(b, member, hosts.get(i++));
        }
        return b.array();
    }

    public static Membership decode(byte[] body) {
        ByteBuffer b = ByteBuffer.wrap(body);
        try {
            long index = b.getLong();
            if (index < 0) {
                throw new MalformedMessageException("negative membership index " + index);
            }
            SortedMap<Integer, Member> voters = group(b);
            SortedMap<Integer, Member> learners = group(b);
            if (b.hasRemaining()) {
                throw new MalformedMessageException(b.remaining() + " bytes after the membership");
            }
            return new Membership(index, voters, learners);
        } catch (BufferUnderflowException e) {
            throw new MalformedMessageException("truncated membership");
        } catch (IllegalArgumentException e) {
            throw new MalformedMessageException("invalid member in the membership: " + e.getMessage());
        }
    }

    private static List<Member> members(Membership m) {
        List<Member> all = new ArrayList<>(m.voters().values());
        all.addAll(m.learners().values());
        return all;
    }

    private static void put(ByteBuffer b, Member member, byte[] host) {
        b.putInt(member.id()).putInt(member.port()).putInt(host.length).put(host);
    }

    private static SortedMap<Integer, Member> group(ByteBuffer b) {
        int count = b.getInt();
        if (count < 0 || count > MAX_MEMBERS) {
            throw new MalformedMessageException("invalid member count " + count);
        }
        SortedMap<Integer, Member> group = new TreeMap<>();
        for (int i = 0; i < count; i++) {
            int id = b.getInt();
            int port = b.getInt();
            int length = b.getInt();
            if (length < 0 || length > b.remaining()) {
                throw new MalformedMessageException("invalid host length " + length);
            }
            byte[] host = new byte[length];
            b.get(host);
            group.put(id, new Member(id, new String(host, StandardCharsets.UTF_8), port));
        }
        return group;
    }
}
