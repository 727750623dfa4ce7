/** The demo the README runs: three members in one JVM, a crash of the leader, and a check that no write was lost. */
package io.graft.examples.demo;
