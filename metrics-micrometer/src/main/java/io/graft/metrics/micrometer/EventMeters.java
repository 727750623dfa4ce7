package io.graft.metrics.micrometer;

import io.graft.api.Role;
import io.graft.api.event.ElectionStarted;
import io.graft.api.event.LeaderChanged;
import io.graft.api.event.RaftEvent;
import io.graft.api.event.RoleChanged;
import io.graft.api.event.SnapshotInstalled;
import io.graft.api.event.SnapshotTaken;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;

/**
 * The meters counted from a member's events: campaigns started (pre-vote or real), elections won, new leaders
 * seen, snapshots taken and installed. A snapshot installed from the leader has a size but no duration in its
 * event, so only snapshots taken have a duration.
 */
final class EventMeters {
    private final Counter preVotes;
    private final Counter elections;
    private final Counter won;
    private final Counter leaderChanges;
    private final Timer snapshotTakenDuration;
    private final DistributionSummary snapshotTakenSize;
    private final DistributionSummary snapshotInstalledSize;

    EventMeters(MeterSet meters, Tags tags) {
        preVotes = meters.keep(electionsStarted(tags, true).register(meters.registry()));
        elections = meters.keep(electionsStarted(tags, false).register(meters.registry()));
        won = meters.keep(Counter.builder(GraftMeterNames.ELECTIONS_WON).tags(tags)
                .description("Elections this member won").register(meters.registry()));
        leaderChanges = meters.keep(Counter.builder(GraftMeterNames.LEADER_CHANGES).tags(tags)
                .description("Times this member learnt of a new leader").register(meters.registry()));
        snapshotTakenDuration = meters.keep(Timer.builder(GraftMeterNames.SNAPSHOT_DURATION).tags(tags)
                .tag(GraftMeterNames.TAG_KIND, "taken").description("Time to capture and write a snapshot")
                .register(meters.registry()));
        snapshotTakenSize = meters.keep(snapshotSize(tags, "taken").register(meters.registry()));
        snapshotInstalledSize = meters.keep(snapshotSize(tags, "installed").register(meters.registry()));
    }

    private static Counter.Builder electionsStarted(Tags tags, boolean preVote) {
        return Counter.builder(GraftMeterNames.ELECTIONS_STARTED).tags(tags)
                .tag(GraftMeterNames.TAG_PRE_VOTE, String.valueOf(preVote))
                .description("Campaigns this member started: pre-vote rounds and real elections");
    }

    private static DistributionSummary.Builder snapshotSize(Tags tags, String kind) {
        return DistributionSummary.builder(GraftMeterNames.SNAPSHOT_SIZE).tags(tags)
                .tag(GraftMeterNames.TAG_KIND, kind).baseUnit("bytes").description("Snapshot sizes");
    }

    void on(RaftEvent event) {
        if (event instanceof ElectionStarted e) {
            (e.preVote() ? preVotes : elections).increment();
        } else if (event instanceof RoleChanged e) {
            if (e.to() == Role.LEADER) {
                won.increment();
            }
        } else if (event instanceof LeaderChanged e) {
            if (e.leaderId().isPresent()) {
                leaderChanges.increment();
            }
        } else if (event instanceof SnapshotTaken e) {
            snapshotTakenDuration.record(e.took());
            snapshotTakenSize.record(e.bytes());
        } else if (event instanceof SnapshotInstalled e) {
            snapshotInstalledSize.record(e.bytes());
        }
    }
}
