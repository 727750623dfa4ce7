package io.graft.examples.words;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class WordTrackerTest {

    @Test
    void eachWordIsAppendedAndTheResultIsTheCountSoFar() {
        WordTracker tracker = new WordTracker();
        assertThat(tracker.apply(1, "raft")).isEqualTo(1);
        assertThat(tracker.apply(2, "log")).isEqualTo(2);
        assertThat(tracker.apply(3, "raft")).as("duplicates count too").isEqualTo(3);
        assertThat(tracker.words()).containsExactly("raft", "log", "raft");
        assertThat(tracker.count()).isEqualTo(3);
    }

    @Test
    void wordsIsAnImmutableCopy() {
        WordTracker tracker = new WordTracker();
        tracker.apply(1, "a");
        List<String> words = tracker.words();
        tracker.apply(2, "b");
        assertThat(words).containsExactly("a");
        assertThatThrownBy(() -> words.add("c")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void aNullWordIsRejectedWithoutChangingState() {
        WordTracker tracker = new WordTracker();
        tracker.apply(1, "a");
        assertThatThrownBy(() -> tracker.apply(2, null)).isInstanceOf(NullPointerException.class);
        assertThat(tracker.words()).containsExactly("a");
    }
}
