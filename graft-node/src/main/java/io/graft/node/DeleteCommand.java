package io.graft.node;

import io.graft.examples.kv.KvCommand;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code delete KEY}: prints {@code OK previous=OLD}, or {@code OK (was absent)}. */
@Command(name = "delete", description = "Removes KEY. Prints 'OK previous=OLD', or 'OK (was absent)'.")
final class DeleteCommand implements Callable<Integer> {
    @ParentCommand
    private GraftCli cli;

    @Parameters(index = "0", paramLabel = "KEY")
    private String key;

    @Override
    public Integer call() {
        return cli.submit(KvCommand.delete(key), (result, out) -> {
            out.println(result.present() ? "OK previous=" + result.valueOrNull() : "OK (was absent)");
            return ExitCodes.OK;
        });
    }
}
