package io.graft.examples.kv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class KvStoreTest {

    private final KvStore store = new KvStore();
    private long index;

    private KvResult apply(KvCommand command) {
        return store.apply(++index, command);
    }

    @Test
    void putReturnsThePreviousValue() {
        assertThat(apply(KvCommand.put("a", "1"))).isEqualTo(new KvResult(true, null));
        assertThat(apply(KvCommand.put("a", "2"))).isEqualTo(new KvResult(true, "1"));
        assertThat(store.get("a")).isEqualTo("2");
        assertThat(store.size()).isEqualTo(1);
    }

    @Test
    void getReturnsTheValueAndChangesNothing() {
        assertThat(apply(KvCommand.get("missing"))).isEqualTo(new KvResult(false, null));
        apply(KvCommand.put("a", "1"));
        KvResult result = apply(KvCommand.get("a"));
        assertThat(result.value()).contains("1");
        assertThat(result.present()).isTrue();
        assertThat(result.changed()).isFalse();
        assertThat(store.snapshotOfData()).isEqualTo(Map.of("a", "1"));
    }

    @Test
    void aQueryAnswersAGetLikeApplyAndRefusesAnythingElse() {
        apply(KvCommand.put("a", "1"));
        assertThat(store.query(KvCommand.get("a"))).isEqualTo(apply(KvCommand.get("a")));
        assertThat(store.query(KvCommand.get("missing"))).isEqualTo(new KvResult(false, null));
        assertThatThrownBy(() -> store.query(KvCommand.put("a", "2"))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("submit");
        assertThat(store.get("a")).isEqualTo("1");
    }

    @Test
    void deleteReturnsTheRemovedValueAndToleratesAbsentKeys() {
        apply(KvCommand.put("a", "1"));
        assertThat(apply(KvCommand.delete("a"))).isEqualTo(new KvResult(true, "1"));
        assertThat(store.get("a")).isNull();
        assertThat(apply(KvCommand.delete("a"))).isEqualTo(new KvResult(false, null));
        assertThat(store.size()).isZero();
    }

    @Test
    void emptyKeyAndEmptyValueAreOrdinaryStrings() {
        assertThat(apply(KvCommand.put("", ""))).isEqualTo(new KvResult(true, null));
        assertThat(apply(KvCommand.get("")).value()).contains("");
        assertThat(store.snapshotOfData()).containsEntry("", "");
    }

    @Test
    void compareAndSetSwapsOnlyWhenTheCurrentValueMatches() {
        apply(KvCommand.put("a", "1"));

        KvResult miss = apply(KvCommand.compareAndSet("a", "0", "2"));
        assertThat(miss.swapped()).isFalse();
        assertThat(miss.value()).as("the value that did not match").contains("1");
        assertThat(store.get("a")).isEqualTo("1");

        KvResult hit = apply(KvCommand.compareAndSet("a", "1", "2"));
        assertThat(hit.swapped()).isTrue();
        assertThat(hit.value()).contains("2");
        assertThat(store.get("a")).isEqualTo("2");
    }

    @Test
    void compareAndSetWithNullExpectedInsertsOnlyIfAbsent() {
        assertThat(apply(KvCommand.compareAndSet("a", null, "1"))).isEqualTo(new KvResult(true, "1"));
        assertThat(apply(KvCommand.compareAndSet("a", null, "2"))).isEqualTo(new KvResult(false, "1"));
        assertThat(store.get("a")).isEqualTo("1");
    }

    @Test
    void compareAndSetWithNullNewValueDeletesWhenMatching() {
        apply(KvCommand.put("a", "1"));
        assertThat(apply(KvCommand.compareAndSet("a", "other", null))).isEqualTo(new KvResult(false, "1"));
        assertThat(store.get("a")).isEqualTo("1");
        assertThat(apply(KvCommand.compareAndSet("a", "1", null))).isEqualTo(new KvResult(true, null));
        assertThat(store.get("a")).isNull();
        assertThat(store.size()).isZero();
    }

    @Test
    void compareAndSetWithBothNullSucceedsExactlyWhenAbsent() {
        assertThat(apply(KvCommand.compareAndSet("a", null, null))).isEqualTo(new KvResult(true, null));
        assertThat(store.size()).isZero();
        apply(KvCommand.put("a", "1"));
        assertThat(apply(KvCommand.compareAndSet("a", null, null))).isEqualTo(new KvResult(false, "1"));
        assertThat(store.get("a")).isEqualTo("1");
    }

    @Test
    void commandsRejectNullKeysAndNullPutValues() {
        assertThatThrownBy(() -> KvCommand.put(null, "v")).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("key");
        assertThatThrownBy(() -> KvCommand.put("k", null)).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("delete");
        assertThatThrownBy(() -> KvCommand.get(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> KvCommand.delete(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> KvCommand.compareAndSet(null, "a", "b")).isInstanceOf(NullPointerException.class);
    }

    @Test
    void tracksTheLastAppliedIndex() {
        assertThat(store.lastAppliedIndex()).isZero();
        store.apply(7, KvCommand.put("a", "1"));
        store.apply(9, KvCommand.get("a"));
        assertThat(store.lastAppliedIndex()).isEqualTo(9);
    }

    @Test
    void snapshotIsAnImmutableCopy() {
        apply(KvCommand.put("a", "1"));
        Map<String, String> snapshot = store.snapshotOfData();
        apply(KvCommand.put("b", "2"));
        assertThat(snapshot).isEqualTo(Map.of("a", "1"));
        assertThatThrownBy(() -> snapshot.put("c", "3")).isInstanceOf(UnsupportedOperationException.class);
    }
}
