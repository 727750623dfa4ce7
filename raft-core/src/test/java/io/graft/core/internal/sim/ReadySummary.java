package io.graft.core.internal.sim;

import io.graft.core.internal.raft.Ready;

/** A {@link Ready} as one trace line, formatted only when printed, with a digest for the trace hash. */
record ReadySummary(Ready r) {

    /** A deterministic digest of what matters in {@code r}. */
    static long digest(Ready r) {
        long h = r.term() * 31 + r.commitIndex();
        h = h * 31 + r.role().ordinal();
        h = h * 31 + r.entries().size();
        if (!r.entries().isEmpty()) {
            h = h * 31 + r.entries().get(0).index();
        }
        h = h * 31 + r.committed().size();
        h = h * 31 + (r.hardState() == null ? 0 : r.hardState().hashCode());
        return h * 31 + r.messages().size() * 7L + r.messagesAfterPersist().size();
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(r.role() + " t" + r.term() + " commit " + r.commitIndex());
        if (r.hardState() != null) {
            sb.append(" hs ").append(r.hardState());
        }
        if (!r.entries().isEmpty()) {
            sb.append(" write ").append(r.entries().get(0).index()).append("..")
                    .append(r.entries().get(r.entries().size() - 1).index());
        }
        if (r.resetLogTo() > 0) {
            sb.append(" reset ").append(r.resetLogTo());
        }
        if (r.compactLogTo() > 0) {
            sb.append(" compact ").append(r.compactLogTo());
        }
        if (!r.committed().isEmpty()) {
            sb.append(" apply ").append(r.committed().get(0).index()).append("..")
                    .append(r.committed().get(r.committed().size() - 1).index());
        }
        sb.append(" send ").append(r.messages().size()).append("+").append(r.messagesAfterPersist().size())
                .append(" after persist");
        return sb.toString();
    }
}
