package io.graft.node;

import io.graft.api.config.ClusterConfig;
import io.graft.api.config.ConfigurationException;
import io.graft.node.admin.AdminSection;
import io.graft.node.admin.NodeFile;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Map;

/**
 * Finds the cluster file (from {@code --config}, else {@value #ENV}) and loads it, explaining any problem. The
 * launcher's {@code admin} section is read here too, so that every tool accepts the file the launcher runs.
 * Shared by the launcher and the command-line tools.
 */
public final class ClusterFile {
    /** The environment variable naming the cluster file when {@code --config} is not given. */
    public static final String ENV = "GRAFT_CONFIG";

    private ClusterFile() {
    }

    /**
     * Loads the cluster file.
     *
     * @param option the {@code --config} value, or {@code null}
     * @param env the environment, consulted when {@code option} is {@code null}
     * @throws UsageException when no file is named, it does not exist, or it is not a valid cluster file
     */
    public static ClusterConfig load(Path option, Map<String, String> env) {
        return loadWithAdmin(option, env).cluster();
    }

    /**
     * Loads the cluster file with the launcher's own {@code admin} section ({@link AdminSection}).
     *
     * @throws UsageException as {@link #load} does, and when the admin section is invalid
     */
    static NodeFile loadWithAdmin(Path option, Map<String, String> env) {
        Path file = option != null ? option : fromEnvironment(env);
        String origin = option != null ? "" : " (named by " + ENV + ")";
        if (!Files.exists(file)) {
            throw new UsageException("the cluster file " + file.toAbsolutePath() + origin
                    + " does not exist; pass --config with the path of your cluster YAML");
        }
        if (!Files.isRegularFile(file)) {
            throw new UsageException("the cluster file " + file.toAbsolutePath() + origin
                    + " is not a regular file; pass --config with the path of your cluster YAML");
        }
        try {
            return AdminSection.load(file);
        } catch (ConfigurationException e) {
            String where = e.getMessage().contains(file.toString()) ? "" : " (in " + file + ")";
            throw new UsageException(e.getMessage() + where, e);
        }
    }

    private static Path fromEnvironment(Map<String, String> env) {
        String value = env.get(ENV);
        if (value == null || value.isBlank()) {
            throw new UsageException("no cluster file: pass --config FILE or set " + ENV + "=FILE");
        }
        try {
            return Path.of(value.trim());
        } catch (InvalidPathException e) {
            throw new UsageException(ENV + " is not a valid path: '" + value + "' (" + e.getReason() + ")", e);
        }
    }
}
