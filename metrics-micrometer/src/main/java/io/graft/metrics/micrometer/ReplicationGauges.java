package io.graft.metrics.micrometer;

import io.graft.api.report.FollowerReport;
import io.graft.api.report.MemberReport;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Tags;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One replication-lag gauge per follower, set from the member's latest report: a follower gets its gauge when a
 * report first lists it and loses it when a report no longer does (it left the cluster, or this member is no
 * longer the leader). Updated by one thread at a time (the refresher's); the registry reads the values from any.
 */
final class ReplicationGauges {
    private final MeterSet meters;
    private final Tags tags;
    private final Map<Integer, Follower> followers = new HashMap<>();

    private record Follower(AtomicLong lag, Gauge gauge) {
    }

    ReplicationGauges(MeterSet meters, Tags tags) {
        this.meters = meters;
        this.tags = tags;
    }

    void update(MemberReport report) {
        Set<Integer> listed = new HashSet<>();
        for (FollowerReport f : report.followers()) {
            listed.add(f.memberId());
            followers.computeIfAbsent(f.memberId(), this::register).lag().set(f.lag(report.lastLogIndex()));
        }
        followers.entrySet().removeIf(e -> {
            if (listed.contains(e.getKey())) {
                return false;
            }
            meters.remove(e.getValue().gauge());
            return true;
        });
    }

    private Follower register(int followerId) {
        AtomicLong lag = new AtomicLong();
        Gauge gauge = meters.keep(Gauge.builder(GraftMeterNames.REPLICATION_LAG, lag, AtomicLong::get).tags(tags)
                .tag(GraftMeterNames.TAG_FOLLOWER, String.valueOf(followerId))
                .description("Entries of the leader's log the follower is not known to hold")
                .strongReference(true).register(meters.registry()));
        return new Follower(lag, gauge);
    }
}
