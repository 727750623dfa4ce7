package io.graft.examples.words;

import io.graft.api.StateMachine;
import io.graft.api.StateMachineProvider;
import io.graft.api.config.Options;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes {@link WordTracker}s for a configuration that says {@code stateMachine: words}; takes no options.
 * Commands are {@link String}s and results {@link Integer}s, so any general-purpose codec fits.
 */
public final class WordTrackerProvider implements StateMachineProvider<String, Integer> {

    /** The name a cluster configuration uses for the word tracker. */
    public static final String NAME = "words";

    private static final Logger LOG = LoggerFactory.getLogger(WordTrackerProvider.class);

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Class<String> commandType() {
        return String.class;
    }

    @Override
    public Class<Integer> resultType() {
        return Integer.class;
    }

    @Override
    public StateMachine<String, Integer> create(Options options) {
        LOG.debug("Creating an empty word tracker");
        return new WordTracker();
    }
}
