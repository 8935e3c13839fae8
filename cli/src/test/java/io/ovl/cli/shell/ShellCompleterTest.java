package io.ovl.cli.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ovl.cli.CliEnvironment;
import io.ovl.cli.OvlCommand;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/** Completion over the real ovl command tree, with fixed topology names. */
class ShellCompleterTest {
    private static final TopologyNames NAMES = new TopologyNames(List.of("node1", "node2", "store"), List.of("myoverlay"));

    private static List<String> complete(CommandSpec root, String... words) {
        int last = words.length - 1;
        return new ShellCompleter(root, () -> NAMES).complete(List.of(words), last, words[last].length());
    }

    private static List<String> complete(String... words) {
        CommandLine ovl = OvlCommand.newCommandLine(new CliEnvironment(Map.of(), Path.of(""), false));
        return complete(ovl.getCommandSpec(), words);
    }

    @Test
    void completesSubcommands() {
        assertEquals(List.of("validate"), complete("va"));
        List<String> all = complete("");
        assertTrue(all.containsAll(List.of("validate", "doctor", "init", "net", "shell")), all.toString());
        assertTrue(complete("net", "").contains("create"));
    }

    @Test
    void completesOptionsAndTheirValues() {
        assertEquals(List.of("--no-log", "--no-probe"), complete("doctor", "--no"));
        assertEquals(List.of("json", "text"), complete("validate", "--output", "").stream().sorted().toList());
    }

    @Test
    void completesNetworkNamesUnderNet() {
        assertEquals(List.of("myoverlay"), complete("net", "create", "my"));
        assertFalse(complete("validate", "").contains("myoverlay"), "validate takes no network");
    }

    @Test
    void completesHostNamesForAHostParameter() {
        CommandSpec root = CommandSpec.create().name("ovl");
        CommandSpec logs = CommandSpec.create().name("logs")
                .addOption(OptionSpec.builder("--host").paramLabel("HOST").type(String.class).build())
                .addPositional(PositionalParamSpec.builder().paramLabel("NETWORK").type(String.class).build());
        root.addSubcommand("logs", new CommandLine(logs));
        assertEquals(List.of("node1", "node2"), complete(root, "logs", "--host", "no"));
        assertEquals(List.of("myoverlay"), complete(root, "logs", "m"));
    }
}
