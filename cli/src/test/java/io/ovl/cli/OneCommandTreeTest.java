package io.ovl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

/**
 * {@link OvlCommand#newCommandLineFor}: a run of one command builds only that command, and
 * behaves exactly as in the whole tree: same exit code, stdout and stderr (help, usage errors,
 * converters, inherited --verbose), compared on the real picocli trees.
 */
class OneCommandTreeTest {
    private static final CliEnvironment ENV = new CliEnvironment(Map.of(), Path.of(""), false);
    private static final Set<String> ALL = Set.of("validate", "net", "completion", "doctor", "init", "reset", "migrate",
            "new", "store", "shell", "help");

    static Stream<List<String>> commands() {
        String guide = Cli.example("guide-consul.yaml");
        return Stream.of(
                List.of("validate", "-f", guide),
                List.of("validate", "-f", guide, "--output", "json"),
                List.of("validate", "--verbose", "-f", "no-such-topology.yaml"),
                List.of("validate", "--bogus"),
                List.of("validate", "--help"),
                List.of("net", "--help"),
                List.of("net", "create", "--help"),
                List.of("net", "create", "x", "--subnet", "10.0.0.1/8", "--dry-run", "-f", guide),
                List.of("net", "create", "x", "--subnet", "not-a-prefix", "--dry-run", "-f", guide),
                List.of("net", "frob"),
                List.of("doctor", "--help"),
                List.of("doctor", "--ignore", "kernel.versoin", "-f", guide),
                List.of("doctor", "--parallel", "0", "-f", guide),
                List.of("init", "--help"),
                List.of("reset", "--help"),
                List.of("migrate", "--help"),
                List.of("new", "--help"),
                List.of("new", "topology", "--help"),
                List.of("new", "topology", "bad host"),
                List.of("store", "--help"),
                List.of("store", "restore", "--help"),
                List.of("store", "status", "-f", guide),
                List.of("shell", "--help"));
    }

    @ParameterizedTest
    @MethodSource("commands")
    void oneCommandBehavesAsInTheWholeTree(List<String> args) {
        String[] argv = args.toArray(String[]::new);
        assertEquals(run(OvlCommand.newCommandLine(ENV), argv), run(OvlCommand.newCommandLineFor(ENV, argv), argv),
                String.join(" ", args));
    }

    @Test
    void aKnownCommandFirstBuildsOnlyThatCommand() {
        assertEquals(Set.of("validate"), names(OvlCommand.newCommandLineFor(ENV, "validate", "-f", "x.yaml")));
        assertEquals(Set.of("net"), names(OvlCommand.newCommandLineFor(ENV, "net", "ls")));
        assertEquals(Set.of("create", "ls", "inspect", "rm", "verify"),
                names(OvlCommand.newCommandLineFor(ENV, "net", "ls").getSubcommands().get("net")));
    }

    @Test
    void everythingElseGetsTheWholeTree() {
        for (String[] argv : List.of(new String[0], new String[] {"--help"}, new String[] {"--verbose", "validate"},
                new String[] {"valdate"}, new String[] {"help", "validate"}, new String[] {"completion", "bash"})) {
            assertEquals(ALL, names(OvlCommand.newCommandLineFor(ENV, argv)), List.of(argv).toString());
        }
        assertEquals(ALL, names(OvlCommand.newCommandLine(ENV)));
    }

    private static Set<String> names(CommandLine cl) {
        return new TreeSet<>(cl.getSubcommands().keySet());
    }

    private record Outcome(int exit, String out, String err) {
    }

    private static Outcome run(CommandLine cl, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int exit = cl.execute(args);
        return new Outcome(exit, out.toString(), err.toString());
    }
}
