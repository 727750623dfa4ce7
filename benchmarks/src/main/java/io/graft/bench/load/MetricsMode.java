package io.graft.bench.load;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Whether the benchmarked members record Micrometer meters ({@code graft-metrics-micrometer}), and into what. */
public enum MetricsMode {
    /** No recorder: the members measure nothing. */
    NONE("none"),
    /** {@code GraftMeters} on a {@code SimpleMeterRegistry}, never read. */
    SIMPLE("simple"),
    /**
     * {@code GraftMeters} on a {@code PrometheusMeterRegistry}, as {@code graft-node} serves it, scraped once a
     * second (more often than a Prometheus server usually asks).
     */
    PROMETHEUS("prometheus");

    private final String cliName;

    MetricsMode(String cliName) {
        this.cliName = cliName;
    }

    /** The name on the command line and in reports. */
    public String cliName() {
        return cliName;
    }

    /** The mode called {@code name} on the command line. */
    public static MetricsMode parse(String name) {
        String n = name.trim().toLowerCase(Locale.ROOT);
        for (MetricsMode m : values()) {
            if (m.cliName.equals(n)) {
                return m;
            }
        }
        throw new IllegalArgumentException("unknown metrics mode '" + name + "'; choose one of " + cliNames());
    }

    /** Every mode's command-line name. */
    public static List<String> cliNames() {
        List<String> names = new ArrayList<>();
        for (MetricsMode m : values()) {
            names.add(m.cliName);
        }
        return names;
    }
}
