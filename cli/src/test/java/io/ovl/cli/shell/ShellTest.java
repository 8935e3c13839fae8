package io.ovl.cli.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ovl.cli.CliEnvironment;
import io.ovl.cli.OvlCommand;
import io.ovl.topology.TopologyLocator;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jline.terminal.Terminal;
import org.jline.terminal.impl.ExternalTerminal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The read-run loop on a JLine terminal over scripted input, running the real command tree. */
class ShellTest {
    @TempDir
    Path dir;

    private String run(String input, Optional<Path> history) throws IOException {
        Path topology = Path.of("..", "examples", "guide-consul.yaml").toAbsolutePath();
        CommandLine commands = OvlCommand.newCommandLine(new CliEnvironment(Map.of(), Path.of(""), false)
                .withVariable(TopologyLocator.ENV, topology.toString()));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (Terminal terminal = new ExternalTerminal("test", "dumb",
                new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)), out, StandardCharsets.UTF_8)) {
            new Shell(terminal, commands, new TopologyWatch(topology), history).run("banner");
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void runsCommandsAgainstTheShellsTopologyAndShowsFailures() throws IOException {
        String out = run("validate\nbogus\novl validate --output json\nexit\nvalidate\n", Optional.empty());
        assertTrue(out.contains("guide-consul.yaml: valid"), out);
        assertTrue(out.contains("Unmatched argument") || out.contains("bogus"), out);
        assertTrue(out.contains("(exit 2)"), "a failed command shows its exit code: " + out);
        assertTrue(out.contains("\"valid\" : true") || out.contains("\"valid\":true"), "a leading 'ovl' is accepted: " + out);
        assertEquals(2, out.split("guide-consul.yaml: valid", -1).length, "nothing runs after exit: " + out);
    }

    @Test
    void keepsHistoryInTheFile() throws IOException {
        Path history = dir.resolve("state/ovl/history");
        run("validate\nhelp\n", Optional.of(history));
        String saved = Files.readString(history);
        assertTrue(saved.contains("validate") && saved.contains("help"), saved);
    }

    @Test
    void wordsDropEmptiesAndALeadingOvl() {
        assertEquals(List.of("doctor", "--no-probe"), Shell.words(List.of("ovl", "doctor", "--no-probe", "")));
        assertEquals(List.of(), Shell.words(List.of("")));
    }
}
