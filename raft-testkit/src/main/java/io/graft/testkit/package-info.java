/**
 * Testing a state machine on a real cluster in one JVM: {@link io.graft.testkit.TestCluster} starts members on
 * the in-memory transport, crashes, restarts, partitions and heals them, and checks that every member applied the
 * same commands; {@link io.graft.testkit.RecordingStateMachine} records what each member applied.
 */
package io.graft.testkit;
