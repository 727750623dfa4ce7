package io.graft.node;

import io.graft.examples.kv.KvCommand;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code cas KEY EXPECTED NEW}: compare-and-set. {@code --expect-absent} replaces EXPECTED ("the key must be
 * absent"), {@code --delete} replaces NEW ("remove the key").
 */
@Command(name = "cas", description = {"Sets KEY to NEW only if it holds EXPECTED (compare-and-set).",
        "  cas KEY EXPECTED NEW               replace a value",
        "  cas --expect-absent KEY NEW        insert only if KEY is absent",
        "  cas --delete KEY EXPECTED          delete only if KEY holds EXPECTED",
        "Prints 'OK value=NEW' or 'OK (deleted)' when it swapped; otherwise 'FAILED current=V' or"
                + " 'FAILED (absent)', and exits with 1."})
final class CasCommand implements Callable<Integer> {
    @ParentCommand
    private GraftCli cli;

    @Option(names = "--expect-absent", description = "Swap only if KEY is absent (then omit EXPECTED).")
    private boolean expectAbsent;

    @Option(names = "--delete", description = "Delete KEY when the expectation holds (then omit NEW).")
    private boolean delete;

    @Parameters(paramLabel = "KEY EXPECTED NEW", arity = "1..3",
            description = "The key, then the expected value unless --expect-absent, then the new value unless"
                    + " --delete.")
    private List<String> words;

    @Override
    public Integer call() {
        int wanted = 1 + (expectAbsent ? 0 : 1) + (delete ? 0 : 1);
        if (words.size() != wanted) {
            return GraftCli.usageError(cli.spec.commandLine().getErr(), new UsageException("cas expects " + wanted
                    + " arguments here (KEY" + (expectAbsent ? "" : " EXPECTED") + (delete ? "" : " NEW")
                    + "), got " + words.size() + ": " + words));
        }
        String key = words.get(0);
        String expected = expectAbsent ? null : words.get(1);
        String newValue = delete ? null : words.get(wanted - 1);
        return cli.submit(KvCommand.compareAndSet(key, expected, newValue), (result, out) -> {
            if (result.swapped()) {
                out.println(result.present() ? "OK value=" + result.valueOrNull()
                        : expected == null ? "OK (absent)" : "OK (deleted)");
                return ExitCodes.OK;
            }
            out.println(result.present() ? "FAILED current=" + result.valueOrNull() : "FAILED (absent)");
            return ExitCodes.FAILED;
        });
    }
}
