package io.ovl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CompletionCommandTest {
    @Test
    void bashScriptComesFromTheCommandTree() {
        Cli.Run r = Cli.run("completion", "bash");
        assertEquals(0, r.exit(), r.err());
        for (String word : new String[] {"validate", "net", "create", "completion", "--subnet", "--ip-range", "--output"}) {
            assertTrue(r.out().contains(word), word);
        }
        assertTrue(r.out().contains("complete -F"), "registers a bash completion function");
    }

    @Test
    void zshScriptUsesBashcompinit() {
        Cli.Run r = Cli.run("completion", "zsh");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("bashcompinit"), r.out());
        assertTrue(r.out().contains("validate"));
    }

    @Test
    void unknownShellIsAUsageError() {
        Cli.Run r = Cli.run("completion", "fish");
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("fish"), r.err());
    }

    /**
     * Runs the script in a real bash and asks it to complete "ovl va" and "ovl net c". Its
     * {@code compopt} calls (for options that take a file, such as the global --log-file) say
     * "not currently executing completion function" outside a real completion: not an answer.
     */
    @Test
    void bashReallyCompletesSubcommands(@TempDir Path dir) throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/bin/bash")), "bash is not installed");
        Path script = dir.resolve("ovl.bash");
        Files.writeString(script, Cli.run("completion", "bash").out());
        assertEquals("validate", complete(script, "ovl va", 1));
        assertEquals("create", complete(script, "ovl net c", 2));
    }

    private static String complete(Path script, String line, int cword) throws IOException, InterruptedException {
        String[] words = line.split(" ");
        String driver = "source '" + script + "'; COMP_WORDS=(" + String.join(" ", words) + "); COMP_CWORD=" + cword
                + "; COMP_LINE='" + line + "'; COMP_POINT=" + line.length() + "; _complete_ovl 2>/dev/null; echo \"${COMPREPLY[*]}\"";
        Process p = new ProcessBuilder("/bin/bash", "-c", driver).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        return out;
    }
}
