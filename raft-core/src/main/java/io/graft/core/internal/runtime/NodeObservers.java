package io.graft.core.internal.runtime;

import io.graft.api.event.RaftEventListener;
import io.graft.api.metrics.MetricsRecorder;
import java.util.List;
import java.util.Objects;

/**
 * Who watches a member from its start: listeners told of its events, and the recorder of its metrics.
 *
 * @param listeners registered before the member starts, so they see its first events
 * @param metrics the recorder of its measurements ({@link MetricsRecorder#NONE} for none)
 */
public record NodeObservers(List<RaftEventListener> listeners, MetricsRecorder metrics) {

    /** Nobody watches. */
    public static final NodeObservers NONE = new NodeObservers(List.of(), MetricsRecorder.NONE);

    /** Copies the listeners. */
    public NodeObservers {
        listeners = List.copyOf(listeners);
        Objects.requireNonNull(metrics, "metrics");
    }
}
