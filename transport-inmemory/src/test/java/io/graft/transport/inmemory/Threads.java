package io.graft.transport.inmemory;

/** Looks for live threads by name, to check that networks start and stop theirs. */
final class Threads {
    private Threads() {
    }

    static String deliveryThreadOf(InMemoryNetwork network) {
        return "graft-inmemory-" + network.name() + "-delivery";
    }

    static boolean isAlive(String name) {
        return Thread.getAllStackTraces().keySet().stream().anyMatch(t -> t.isAlive() && t.getName().equals(name));
    }
}
