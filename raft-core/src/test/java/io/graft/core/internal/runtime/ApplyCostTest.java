package io.graft.core.internal.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ApplyCostTest {

    @Test
    void nothingFitsUntilSomethingWasMeasured() {
        ApplyCost cost = new ApplyCost(100_000);
        assertThat(cost.fitsBudget(1)).isFalse();
        cost.record(10, 10_000); // 1 us per entry
        assertThat(cost.fitsBudget(1)).isTrue();
        assertThat(cost.fitsBudget(100)).isTrue();
        assertThat(cost.fitsBudget(101)).isFalse();
    }

    @Test
    void aSlowBatchStopsInlineApplyingUntilFastOnesBringTheAverageDown() {
        ApplyCost cost = new ApplyCost(100_000);
        cost.record(1, 1_000);
        assertThat(cost.fitsBudget(10)).isTrue();
        cost.record(1, 10_000_000); // a 10 ms apply
        assertThat(cost.fitsBudget(1)).isFalse();
        int fastBatches = 0;
        while (!cost.fitsBudget(1)) {
            cost.record(1, 1_000);
            fastBatches++;
        }
        assertThat(fastBatches).isBetween(2, 100);
    }

    @Test
    void aZeroBudgetNeverAppliesInline() {
        ApplyCost cost = new ApplyCost(0);
        cost.record(100, 1);
        assertThat(cost.fitsBudget(1)).isFalse();
    }
}
