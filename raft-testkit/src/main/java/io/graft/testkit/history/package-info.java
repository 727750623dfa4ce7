/**
 * Recording concurrent histories of client operations and checking that they are linearizable: a
 * {@link io.graft.testkit.history.History} recorder, a Wing &amp; Gong / Lowe
 * {@link io.graft.testkit.history.LinearizabilityChecker} with memoization and a time limit, a
 * {@link io.graft.testkit.history.KvRegisterModel} for key-value stores and a
 * {@link io.graft.testkit.history.CounterModel} for counters.
 */
package io.graft.testkit.history;
