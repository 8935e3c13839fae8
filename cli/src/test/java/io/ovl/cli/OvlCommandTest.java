package io.ovl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ovl.cli.Cli.Run;
import org.junit.jupiter.api.Test;

/** Runs the real picocli command tree with captured stdout and stderr. */
class OvlCommandTest {
    private static Run run(String... args) {
        return Cli.run(args);
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
