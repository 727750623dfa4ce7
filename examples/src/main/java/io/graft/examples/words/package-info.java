/** The smallest example state machine: a replicated list of words ({@link io.graft.examples.words.WordTracker}). */
package io.graft.examples.words;
