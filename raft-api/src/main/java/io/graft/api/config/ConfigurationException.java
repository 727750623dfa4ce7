package io.graft.api.config;

import io.graft.api.RaftException;

/**
 * A cluster configuration is invalid. The message names the offending key and, when the configuration came
 * from a file, the line.
 */
public class ConfigurationException extends RaftException {
    private static final long serialVersionUID = 1L;
    private final String key;
    private final int line;
    private final String problem;

    /** An error about {@code key} with no known line. */
    public ConfigurationException(String key, String problem) {
        this(key, 0, problem);
    }

    /**
     * @param key the YAML key (dotted path) at fault, or {@code null} for the document as a whole
     * @param line the 1-based line in the file, or {@code 0} when unknown
     * @param problem what is wrong and, where possible, what to write instead
     */
    public ConfigurationException(String key, int line, String problem) {
        super(describe(key, line, problem));
        this.key = key;
        this.line = line;
        this.problem = problem;
    }

    private static String describe(String key, int line, String problem) {
        StringBuilder s = new StringBuilder("invalid cluster configuration");
        if (key != null) {
            s.append(" at '").append(key).append('\'');
        }
        if (line > 0) {
            s.append(" (line ").append(line).append(')');
        }
        return s.append(": ").append(problem).toString();
    }

    /** The key at fault, or {@code null}. */
    public String key() {
        return key;
    }

    /** What is wrong, without the key and line that {@link #getMessage()} adds. */
    public String problem() {
        return problem;
    }

    /** The 1-based line at fault, or {@code 0} when unknown. */
    public int line() {
        return line;
    }
}
