package io.graft.bench.load;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** How the load generator's commands reach the cluster. */
public enum SubmitMode {
    /** {@code RaftNode.submit} on the leader, in this JVM: the embedding program's path. */
    NODE("node"),
    /**
     * A remote client ({@code GraftClient}) over the transport's client side: the path of a program outside
     * the cluster. Its session makes retries exactly-once.
     */
    CLIENT("client");

    private final String cliName;

    SubmitMode(String cliName) {
        this.cliName = cliName;
    }

    /** The name on the command line and in reports. */
    public String cliName() {
        return cliName;
    }

    /** The mode called {@code name} on the command line. */
    public static SubmitMode parse(String name) {
        String n = name.trim().toLowerCase(Locale.ROOT);
        for (SubmitMode m : values()) {
            if (m.cliName.equals(n)) {
                return m;
            }
        }
        throw new IllegalArgumentException("unknown submission mode '" + name + "'; choose one of " + cliNames());
    }

    /** Every mode's command-line name. */
    public static List<String> cliNames() {
        List<String> names = new ArrayList<>();
        for (SubmitMode m : values()) {
            names.add(m.cliName);
        }
        return names;
    }
}
