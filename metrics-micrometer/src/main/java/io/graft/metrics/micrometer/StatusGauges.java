package io.graft.metrics.micrometer;

import io.graft.api.NodeStatus;
import io.graft.api.RaftNode;
import io.graft.api.Role;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Tags;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/**
 * Gauges read from the member's {@link RaftNode#status()} when the registry asks (a cheap, synchronous read):
 * term, commit and applied index, apply lag, leader, and its role as one 0/1 gauge per role, the way Prometheus
 * exposes a state ({@code graft_role{role="leader"} 1}), so that {@code sum(graft_role{role="leader"})} counts
 * leaders.
 */
final class StatusGauges {

    private StatusGauges() {
    }

    static void register(MeterSet meters, Tags tags, RaftNode<?, ?> node) {
        gauge(meters, tags, node, GraftMeterNames.TERM, "The member's current term", NodeStatus::term);
        gauge(meters, tags, node, GraftMeterNames.COMMIT_INDEX, "The highest log index known to be committed",
                NodeStatus::commitIndex);
        gauge(meters, tags, node, GraftMeterNames.APPLIED_INDEX, "The highest log index the state machine applied",
                NodeStatus::appliedIndex);
        gauge(meters, tags, node, GraftMeterNames.APPLY_LAG, "Committed entries not applied yet",
                s -> Math.max(0, s.commitIndex() - s.appliedIndex()));
        gauge(meters, tags, node, GraftMeterNames.LEADER, "The id of the leader this member knows of, 0 for none",
                NodeStatus::leaderId);
        for (Role role : Role.values()) {
            gauge(meters, tags.and(GraftMeterNames.TAG_ROLE, role.name().toLowerCase(Locale.ROOT)), node,
                    GraftMeterNames.ROLE, "1 for the member's current role, 0 for the others",
                    s -> s.role() == role ? 1 : 0);
        }
    }

    private static void gauge(MeterSet meters, Tags tags, RaftNode<?, ?> node, String name, String description,
                              ToDoubleFunction<NodeStatus> value) {
        meters.keep(Gauge.builder(name, node, n -> value.applyAsDouble(n.status())).tags(tags)
                .description(description).strongReference(true).register(meters.registry()));
    }
}
