/** The embedding example the README shows, kept in sync with it by a test. */
package io.graft.examples.readme;
