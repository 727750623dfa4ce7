package io.graft.node;

import io.graft.examples.kv.KvCommand;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code put KEY VALUE}: prints {@code OK previous=OLD}, or {@code OK (new key)}. */
@Command(name = "put", description = "Sets KEY to VALUE. Prints 'OK previous=OLD', or 'OK (new key)'.")
final class PutCommand implements Callable<Integer> {
    @ParentCommand
    private GraftCli cli;

    @Parameters(index = "0", paramLabel = "KEY")
    private String key;

    @Parameters(index = "1", paramLabel = "VALUE")
    private String value;

    @Override
    public Integer call() {
        return cli.submit(KvCommand.put(key, value), (result, out) -> {
            out.println(result.present() ? "OK previous=" + result.valueOrNull() : "OK (new key)");
            return ExitCodes.OK;
        });
    }
}
