package io.graft.node;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine.Command;

/**
 * Every {@code --help} shows each description whole, in full sentences: the lines picocli wraps, joined again,
 * hold every sentence of the command's description and exit codes, and the summary a command shows in
 * {@code graft-cli --help} is a sentence of its own.
 */
class HelpTextTest {

    /** graft-cli, each of its commands, and graft-node. */
    static Stream<Class<?>> commands() {
        List<Class<?>> all = new ArrayList<>(List.of(GraftCli.class, NodeLauncher.class));
        all.addAll(Arrays.asList(GraftCli.class.getAnnotation(Command.class).subcommands()));
        return all.stream();
    }

    @ParameterizedTest
    @MethodSource("commands")
    void theHelpHoldsEveryDescriptionWhole(Class<?> command) {
        Command spec = command.getAnnotation(Command.class);
        String help = flowed(help(command));

        assertThat(help).startsWith("Usage: " + (command == NodeLauncher.class || command == GraftCli.class
                ? spec.name() : "graft-cli " + spec.name()));
        for (String paragraph : spec.description()) {
            assertThat(help).contains(flowed(paragraph));
            if (!paragraph.startsWith(" ")) { // Indented lines are examples; the rest is prose.
                assertThat(paragraph).as("a full sentence").endsWith(".");
            }
        }
        for (String exitCode : spec.exitCodeList()) {
            assertThat(help).contains(flowed(exitCode.substring(exitCode.indexOf(':') + 1)));
        }
    }

    @ParameterizedTest
    @MethodSource("commands")
    void theCommandListShowsEachCommandsFirstSentence(Class<?> command) {
        Command spec = command.getAnnotation(Command.class);
        if (command == GraftCli.class || command == NodeLauncher.class) {
            return;
        }
        String summary = spec.description()[0];
        assertThat(flowed(help(GraftCli.class))).contains(spec.name() + " " + flowed(summary));
    }

    private static String help(Class<?> command) {
        Console console = new Console();
        int code;
        if (command == NodeLauncher.class) {
            code = NodeLauncher.run(new String[] {"--help"}, console.out, console.err, Map.of(), StopSignal.manual());
        } else if (command == GraftCli.class) {
            code = GraftCli.run(new String[] {"--help"}, console.out, console.err, Map.of());
        } else {
            String name = command.getAnnotation(Command.class).name();
            code = GraftCli.run(new String[] {name, "--help"}, console.out, console.err, Map.of());
        }
        assertThat(code).as(console.err()).isZero();
        return console.out();
    }

    /** The text with every run of white space (a line break and the indentation after it) made one space. */
    private static String flowed(String text) {
        return text.strip().replaceAll("\\s+", " ");
    }
}
