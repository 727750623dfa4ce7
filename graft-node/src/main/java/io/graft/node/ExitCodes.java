package io.graft.node;

/** The exit codes of the launcher and the command-line tools, documented in their {@code --help}. */
public final class ExitCodes {
    /** Success (for the launcher: stopped cleanly after SIGTERM or SIGINT). */
    public static final int OK = 0;
    /** The command ran and failed, or the answer was "no" (a compare-and-set that did not swap). */
    public static final int FAILED = 1;
    /** Bad arguments or configuration: the message says what to change. */
    public static final int USAGE = 2;
    /** The cluster did not answer in time: unreachable, or without a leader. */
    public static final int UNREACHABLE = 3;
    /**
     * The launcher's member stopped by itself after one of its threads failed (event loop, storage, apply or
     * snapshot thread; e.g. a disk error, an {@code OutOfMemoryError}, a state machine that threw an Error). It
     * released its port and data directory first, so a supervisor can start it again at once.
     */
    public static final int MEMBER_FAILED = 4;

    private ExitCodes() {
    }
}
