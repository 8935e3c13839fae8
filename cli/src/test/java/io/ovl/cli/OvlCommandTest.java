package io.ovl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Runs the real picocli command tree with captured stdout and stderr. */
class OvlCommandTest {
    record Run(int exit, String out, String err) {
    }

    static Run run(String... args) {
        CommandLine cl = OvlCommand.newCommandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int exit = cl.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    @Test
    void versionComesFromTheBuild() {
        Run r = run("--version");
        assertEquals(0, r.exit());
        assertTrue(r.out().matches("ovl \\d+\\.\\d+\\.\\d+.*\\R"), r.out());
    }

    @Test
    void helpListsTheExitCodes() {
        Run r = run("--help");
        assertEquals(0, r.exit());
        assertTrue(r.out().contains("Exit codes:"), r.out());
        assertTrue(r.out().contains("  2  invalid input or usage"), r.out());
        assertTrue(r.out().contains("  3  checks failed"), r.out());
        assertTrue(r.out().contains("  4  a host operation failed"), r.out());
    }

    @Test
    void unknownOptionIsAUsageErrorOnOneStderrLine() {
        Run r = run("--frobnicate");
        assertEquals(2, r.exit());
        assertTrue(r.err().startsWith("ovl: Unknown option: '--frobnicate'"), r.err());
        assertEquals("", r.out());
    }
}
