package io.graft.itest;

/**
 * A kind of fault, injected again and again while the workload runs. Each {@link #strike} injects one fault,
 * holds it, and heals it, so the cluster is whole again between strikes.
 */
interface Nemesis {

    /** A short name for reports. */
    String name();

    /** Injects one fault, holds it for a while, and heals it. */
    void strike(NemesisContext context);
}
