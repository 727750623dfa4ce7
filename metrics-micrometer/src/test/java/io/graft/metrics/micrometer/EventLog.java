package io.graft.metrics.micrometer;

import io.graft.api.event.RaftEvent;
import io.graft.api.event.RaftEventListener;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/** Records a member's events, to compare meters with what actually happened. */
final class EventLog implements RaftEventListener {
    private final List<RaftEvent> events = new CopyOnWriteArrayList<>();

    @Override
    public void onEvent(RaftEvent event) {
        events.add(event);
    }

    /** The events of {@code type}, in order. */
    <E extends RaftEvent> List<E> all(Class<E> type) {
        return events.stream().filter(type::isInstance).map(type::cast).toList();
    }

    <E extends RaftEvent> long count(Class<E> type, Predicate<? super E> which) {
        return events.stream().filter(type::isInstance).map(type::cast).filter(which).count();
    }
}
