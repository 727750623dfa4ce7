package io.graft.bench.load;

import java.util.List;

/**
 * Everything a run found: the report, and the evidence behind its {@code verified} flag.
 *
 * @param report the figures
 * @param appliedStates each member's applied state after the run, in member order
 * @param totals the submitter's account of outcomes over the whole run
 * @param samples one entry per second of load
 */
public record LoadResult(RunReport report, List<AppliedState> appliedStates, AckTotals totals,
                         List<SecondSample> samples) {

    /**
     * Whether every member applied exactly the acknowledged commands, each once and in order. Failed
     * submissions (possible only around a leader change) may still have been applied, so with failures
     * the check is that members agree and applied at least the acknowledged commands.
     */
    static boolean verify(List<AppliedState> states, AckTotals totals) {
        return verify(states, totals, true);
    }

    /**
     * {@link #verify(List, AckTotals)}, with the order check only if {@code ordered}. A remote client may
     * retry a command after later ones reached the leader (after a lost request or a redirect), so its
     * commands can be applied out of submission order; once nothing failed, equal counts and equal sums of
     * fingerprints still prove that each acknowledged command was applied exactly once.
     */
    static boolean verify(List<AppliedState> states, AckTotals totals, boolean ordered) {
        AppliedState first = states.get(0);
        for (AppliedState s : states) {
            if ((ordered && s.outOfOrder() != 0) || !s.sameCommandsAs(first)) {
                return false;
            }
        }
        if (totals.failed() == 0) {
            return first.count() == totals.acknowledged()
                    && first.fingerprintSum() == totals.acknowledgedFingerprintSum();
        }
        return first.count() >= totals.acknowledged();
    }
}
