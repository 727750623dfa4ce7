package io.graft.bench.load;

import io.graft.api.config.ClusterConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Where the benchmarked members keep their logs. */
public enum Durability {
    /** A memory log: nothing touches the disk. */
    MEMORY("memory"),
    /** The crash-safe file log, forcing each group commit to the device (fsync). */
    FILE("file"),
    /** The file log without fsync: writes reach the OS page cache only (unsafe, for comparison). */
    FILE_NOSYNC("file-nosync");

    private final String cliName;

    Durability(String cliName) {
        this.cliName = cliName;
    }

    /** The name on the command line and in reports. */
    public String cliName() {
        return cliName;
    }

    /** Whether this mode needs a data directory. */
    public boolean usesDisk() {
        return this != MEMORY;
    }

    /** The mode called {@code name} on the command line. */
    public static Durability parse(String name) {
        String n = name.trim().toLowerCase(Locale.ROOT);
        for (Durability d : values()) {
            if (d.cliName.equals(n)) {
                return d;
            }
        }
        throw new IllegalArgumentException("unknown durability '" + name + "'; choose one of " + cliNames());
    }

    /** Every mode's command-line name. */
    public static List<String> cliNames() {
        List<String> names = new ArrayList<>();
        for (Durability d : values()) {
            names.add(d.cliName);
        }
        return names;
    }

    /** Configures the log through the cluster configuration, as a YAML file would ({@code dataDir}, {@code fsync}). */
    void configure(ClusterConfig.Builder builder, Path dataDir) {
        if (usesDisk()) {
            builder.dataDir(dataDir).fsync(this == FILE);
        }
    }
}
