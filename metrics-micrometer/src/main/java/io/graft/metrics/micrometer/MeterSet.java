package io.graft.metrics.micrometer;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.List;

/**
 * The meters one member registered, so that they can all be removed when it stops. Once {@link #removeAll()} ran,
 * a meter still being added (by a refresh that raced with the stop) is removed at once.
 */
final class MeterSet {
    private final MeterRegistry registry;
    private final List<Meter> meters = new ArrayList<>();
    private boolean removed;

    MeterSet(MeterRegistry registry) {
        this.registry = registry;
    }

    MeterRegistry registry() {
        return registry;
    }

    /** Remembers {@code meter}, just registered, and returns it. */
    synchronized <M extends Meter> M keep(M meter) {
        if (removed) {
            registry.remove(meter);
        } else {
            meters.add(meter);
        }
        return meter;
    }

    /** Removes one meter from the registry (a follower that left, for instance). */
    synchronized void remove(Meter meter) {
        meters.remove(meter);
        registry.remove(meter);
    }

    /** Removes every meter kept, and any kept later. */
    synchronized void removeAll() {
        removed = true;
        meters.forEach(registry::remove);
        meters.clear();
    }
}
