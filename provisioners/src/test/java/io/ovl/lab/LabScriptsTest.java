package io.ovl.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every script under lab/ answers --help with its usage and exit 0, and refuses an argument it does
 * not know with exit 2 and the usage, as the CLI does: `lab/demo --help` must never start a lab.
 * Runs the real scripts; neither case touches the machine.
 */
class LabScriptsTest {
    private static final Duration LIMIT = Duration.ofSeconds(20);

    private static Path labDir() {
        Path dir = Lab.findLabDir().orElse(null);
        assumeTrue(dir != null, "lab/ not found");
        return dir;
    }

    @ParameterizedTest
    @ValueSource(strings = {"demo", "deps", "down", "exec", "status", "up", "bench/init", "bench/scale", "bench/startup"})
    void helpPrintsTheUsageAndExitsZero(String script) {
        Path lab = labDir();
        CommandResult r = LocalProcess.run(lab, LIMIT, List.of(lab.resolve(script).toString(), "--help"));
        assertEquals(0, r.exitCode(), r.describe());
        assertFalse(r.stdout().isBlank(), r.describe());
        assertTrue(r.stdout().contains(script.substring(script.lastIndexOf('/') + 1)), r.describe());
        assertFalse(r.stdout().contains("==>"), "--help ran the script: " + r.describe());
    }

    @ParameterizedTest
    @ValueSource(strings = {"demo", "deps", "down", "exec", "status", "up", "bench/init", "bench/scale", "bench/startup"})
    void anUnknownArgumentIsRefusedWithExitTwo(String script) {
        Path lab = labDir();
        CommandResult r = LocalProcess.run(lab, LIMIT, List.of(lab.resolve(script).toString(), "--no-such-flag"));
        assertEquals(2, r.exitCode(), r.describe());
        assertTrue(r.stderr().contains("--no-such-flag"), r.describe());
    }
}
