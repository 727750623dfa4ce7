package io.graft.node;

import java.io.PrintWriter;
import java.io.StringWriter;

/** Captures what a command prints on stdout and stderr. */
final class Console {
    private final StringWriter outText = new StringWriter();
    private final StringWriter errText = new StringWriter();
    final PrintWriter out = new PrintWriter(outText, true);
    final PrintWriter err = new PrintWriter(errText, true);

    String out() {
        out.flush();
        return outText.toString();
    }

    String err() {
        err.flush();
        return errText.toString();
    }
}
