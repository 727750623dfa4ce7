package io.graft.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.graft.node.tool.GraftTool;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine.Command;

/**
 * Every {@code --help} shows each description whole, in full sentences: the lines picocli wraps, joined again,
 * hold every sentence of the command's description and exit codes, and the summary a command shows in its tool's
 * {@code --help} is a sentence of its own.
 */
class HelpTextTest {

    /**
     * One command of a tool.
     *
     * @param tool the tool's own command class (graft-cli, graft or graft-node)
     * @param command the command: the tool itself, or one of its subcommands
     */
    record Case(Class<?> tool, Class<?> command) {
        @Override
        public String toString() {
            return command.getAnnotation(Command.class).name()
                    + (tool == command ? "" : " of " + tool.getAnnotation(Command.class).name());
        }
    }

    /** graft-cli, graft and graft-node, and each of their commands. */
    static Stream<Case> commands() {
        List<Case> all = new ArrayList<>();
        for (Class<?> tool : List.of(GraftCli.class, GraftTool.class, NodeLauncher.class)) {
            all.add(new Case(tool, tool));
            for (Class<?> sub : tool.getAnnotation(Command.class).subcommands()) {
                all.add(new Case(tool, sub));
            }
        }
        return all.stream();
    }

    @ParameterizedTest
    @MethodSource("commands")
    void theHelpHoldsEveryDescriptionWhole(Case c) {
        Command spec = c.command().getAnnotation(Command.class);
        String help = flowed(help(c));

        String toolName = c.tool().getAnnotation(Command.class).name();
        assertThat(help).startsWith("Usage: " + (c.tool() == c.command() ? toolName : toolName + " " + spec.name()));
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
    void theCommandListShowsEachCommandsFirstSentence(Case c) {
        if (c.tool() == c.command()) {
            return;
        }
        Command spec = c.command().getAnnotation(Command.class);
        String summary = spec.description()[0];
        assertThat(flowed(help(new Case(c.tool(), c.tool())))).contains(spec.name() + " " + flowed(summary));
    }

    private static String help(Case c) {
        Console console = new Console();
        String[] args = c.tool() == c.command() ? new String[] {"--help"}
                : new String[] {c.command().getAnnotation(Command.class).name(), "--help"};
        int code;
        if (c.tool() == NodeLauncher.class) {
            code = NodeLauncher.run(args, console.out, console.err, Map.of(), StopSignal.manual());
        } else if (c.tool() == GraftTool.class) {
            code = GraftTool.run(args, console.out, console.err, Map.of());
        } else {
            code = GraftCli.run(args, console.out, console.err, Map.of());
        }
        assertThat(code).as(console.err()).isZero();
        return console.out();
    }

    /** The text with every run of white space (a line break and the indentation after it) made one space. */
    private static String flowed(String text) {
        return text.strip().replaceAll("\\s+", " ");
    }
}
