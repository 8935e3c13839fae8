package io.ovl.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ovl.core.ExitCode;
import io.ovl.core.OvlException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TopologyLocatorTest {
    @TempDir
    Path dir;

    @Test
    void explicitFileWinsOverEnvironmentAndDefault() throws Exception {
        Files.writeString(dir.resolve("a.yaml"), "");
        Files.writeString(dir.resolve("b.yaml"), "");
        Files.writeString(dir.resolve("topology.yaml"), "");
        assertEquals(dir.resolve("a.yaml"), TopologyLocator.locate(Optional.of(Path.of("a.yaml")), Map.of("OVL_TOPOLOGY", "b.yaml"), dir));
        assertEquals(dir.resolve("b.yaml"), TopologyLocator.locate(Optional.empty(), Map.of("OVL_TOPOLOGY", "b.yaml"), dir));
        assertEquals(dir.resolve("topology.yaml"), TopologyLocator.locate(Optional.empty(), Map.of(), dir));
    }

    @Test
    void aNamedFileThatIsMissingIsAnErrorNotAFallback() throws Exception {
        Files.writeString(dir.resolve("topology.yaml"), "");
        OvlException e = assertThrows(OvlException.class,
                () -> TopologyLocator.locate(Optional.empty(), Map.of("OVL_TOPOLOGY", "gone.yaml"), dir));
        assertEquals("topology file gone.yaml (from $OVL_TOPOLOGY) does not exist", e.getMessage());
    }

    @Test
    void nothingFoundSaysWhatWasTried() {
        OvlException e = assertThrows(OvlException.class, () -> TopologyLocator.locate(Optional.empty(), Map.of(), dir));
        assertEquals(ExitCode.USAGE, e.exitCode());
        assertTrue(e.getMessage().contains("tried: -f FILE (not given), $OVL_TOPOLOGY (not set), " + dir.resolve("topology.yaml")
                + " (does not exist)"), e.getMessage());
    }
}
