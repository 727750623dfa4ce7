package io.graft.node;

import io.graft.api.ReadConsistency;
import io.graft.examples.kv.KvCommand;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code read KEY}: a linearizable read at the leader that does not go through the log (ReadIndex); prints
 * {@code OK value=V}, or {@code NOT_FOUND} with exit code 1, like {@code get}.
 */
@Command(name = "read", description = {"Reads KEY at the leader, without writing to the log.",
        "The read is linearizable (the leader confirms that it still leads with one heartbeat round) and cheaper"
                + " than 'get'. Prints 'OK value=V', or 'NOT_FOUND' and exits with 1 when the key is absent."})
final class ReadCommand implements Callable<Integer> {
    @ParentCommand
    private GraftCli cli;

    @Parameters(index = "0", paramLabel = "KEY")
    private String key;

    @Option(names = "--lease", description = "A lease read: no round trip while the leader's lease holds. Weaker: it relies on"
            + " bounded clock drift and on the leader not being paused (see the README).")
    private boolean lease;

    @Override
    public Integer call() {
        ReadConsistency consistency = lease ? ReadConsistency.LEASE : ReadConsistency.LINEARIZABLE;
        return cli.read(KvCommand.get(key), consistency, GetCommand::printValue);
    }
}
