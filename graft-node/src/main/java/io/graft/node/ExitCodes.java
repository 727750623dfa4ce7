package io.graft.node;

/** The exit codes of the launcher and the command line client, documented in their {@code --help}. */
final class ExitCodes {
    /** Success (for the launcher: stopped cleanly after SIGTERM or SIGINT). */
    static final int OK = 0;
    /** The command ran and failed, or the answer was "no" (a compare-and-set that did not swap). */
    static final int FAILED = 1;
    /** Bad arguments or configuration: the message says what to change. */
    static final int USAGE = 2;
    /** The cluster did not answer in time: unreachable, or without a leader. */
    static final int UNREACHABLE = 3;

    private ExitCodes() {
    }
}
