package io.graft.node;

import io.graft.examples.kv.KvCommand;
import io.graft.examples.kv.KvResult;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code get KEY}: prints {@code OK value=V}, or {@code NOT_FOUND} with exit code 1. */
@Command(name = "get", description = {"Reads KEY through the log (linearizable; 'read' is cheaper).",
        "Prints 'OK value=V', or 'NOT_FOUND' and exits with 1 when the key is absent."})
final class GetCommand implements Callable<Integer> {
    @ParentCommand
    private GraftCli cli;

    @Parameters(index = "0", paramLabel = "KEY")
    private String key;

    @Override
    public Integer call() {
        return cli.submit(KvCommand.get(key), GetCommand::printValue);
    }

    /** Prints {@code OK value=V}, or {@code NOT_FOUND} with exit code 1. */
    static int printValue(KvResult result, PrintWriter out) {
        if (!result.present()) {
            out.println("NOT_FOUND");
            return ExitCodes.FAILED;
        }
        out.println("OK value=" + result.valueOrNull());
        return ExitCodes.OK;
    }
}
