package io.graft.core.internal.raft;

import io.graft.core.internal.protocol.Message;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The messages in flight between simulated members, in the order they were sent. Tests choose what happens
 * to each: deliver it (in any order), drop it, hold it back and inject it later, or duplicate it. Cut links
 * silently lose whatever crosses them at delivery time. Everything ever sent is also kept in a history, so
 * that tests can count messages of a kind.
 */
final class SimNetwork {
    private final List<Message> inFlight = new ArrayList<>();
    private final List<Message> history = new ArrayList<>();
    private final Set<Long> cutLinks = new HashSet<>();
    private final List<Predicate<Message>> dropRules = new ArrayList<>();

    void send(Message m) {
        inFlight.add(m);
        history.add(m);
    }

    /** Puts messages back in flight (held ones, or copies for duplication) without recording them as sent. */
    void inject(Collection<? extends Message> messages) {
        inFlight.addAll(messages);
    }

    /** The messages in flight, oldest first. */
    List<Message> inFlight() {
        return Collections.unmodifiableList(inFlight);
    }

    int size() {
        return inFlight.size();
    }

    Message removeAt(int i) {
        return inFlight.remove(i);
    }

    /** Removes and returns the messages in flight that match, for the test to inject later. */
    List<Message> take(Predicate<? super Message> which) {
        List<Message> taken = new ArrayList<>();
        for (Iterator<Message> it = inFlight.iterator(); it.hasNext(); ) {
            Message m = it.next();
            if (which.test(m)) {
                taken.add(m);
                it.remove();
            }
        }
        return taken;
    }

    /** Loses the messages in flight that match; returns how many. */
    int drop(Predicate<? super Message> which) {
        return take(which).size();
    }

    /** From now on, loses every message that matches at delivery time, until {@link #clearDropRules()}. */
    void addDropRule(Predicate<Message> rule) {
        dropRules.add(rule);
    }

    void clearDropRules() {
        dropRules.clear();
    }

    /** Cuts the link between {@code a} and {@code b}, both ways. */
    void cut(int a, int b) {
        cutLinks.add(linkKey(a, b));
    }

    void heal() {
        cutLinks.clear();
    }

    /** Whether {@code m} would get through right now. */
    boolean passes(Message m) {
        if (cutLinks.contains(linkKey(m.from(), m.to()))) {
            return false;
        }
        for (Predicate<Message> rule : dropRules) {
            if (rule.test(m)) {
                return false;
            }
        }
        return true;
    }

    /** Every message sent since the last {@link #clearHistory()}, oldest first. */
    List<Message> history() {
        return Collections.unmodifiableList(history);
    }

    void clearHistory() {
        history.clear();
    }

    private static long linkKey(int a, int b) {
        int lo = Math.min(a, b);
        int hi = Math.max(a, b);
        return ((long) lo << 32) | (hi & 0xffffffffL);
    }
}
