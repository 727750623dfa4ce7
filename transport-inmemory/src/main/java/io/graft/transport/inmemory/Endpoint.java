package io.graft.transport.inmemory;

import io.graft.api.transport.Inbox;

/**
 * A started transport as the network sees it: where its member's messages go and what it counts. Compared
 * by identity, so a closing transport never detaches a newer one of the same member.
 */
final class Endpoint {
    private final int memberId;
    private final Inbox inbox;
    private final TrafficCounters counters;

    Endpoint(int memberId, Inbox inbox, TrafficCounters counters) {
        this.memberId = memberId;
        this.inbox = inbox;
        this.counters = counters;
    }

    int memberId() {
        return memberId;
    }

    Inbox inbox() {
        return inbox;
    }

    TrafficCounters counters() {
        return counters;
    }
}
