package io.ovl.cli;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ovl.core.ExitCode;
import io.ovl.core.OvlException;
import io.ovl.kvmode.HostPlan;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The --yes rule without a terminal (CI): refuse, name the hosts, say what to pass. */
class RunsTest {
    private static final CliEnvironment CI = new CliEnvironment(Map.of(), Path.of(""), false);
    private static final List<HostPlan> RISKY = List.of(
            new HostPlan("web1", List.of(), true, "new drop-in", 4, "etcd://a:2379/network", ""));

    @Test
    void restartsThatStopContainersAreRefusedWithoutYes() {
        OvlException e = assertThrows(OvlException.class, () -> Runs.confirmRestarts(RISKY, false, CI));
        assertEquals(ExitCode.USAGE, e.exitCode());
        assertTrue(e.getMessage().contains("web1 (4 running)"), e.getMessage());
        assertTrue(e.getMessage().contains("--yes"), e.getMessage());
    }

    @Test
    void yesOrNothingAtRiskGoesAhead() {
        assertDoesNotThrow(() -> Runs.confirmRestarts(RISKY, true, CI));
        assertDoesNotThrow(() -> Runs.confirmRestarts(List.of(), false, CI));
    }
}
