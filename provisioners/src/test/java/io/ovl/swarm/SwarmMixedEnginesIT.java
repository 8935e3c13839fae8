package io.ovl.swarm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ovl.core.ExitCode;
import io.ovl.lab.LabExtension;
import io.ovl.lab.LabHost;
import io.ovl.lab.LabLayout;
import io.ovl.change.ChangeReport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Swarm mode across engine versions on the lab ({@code swarmmix-XXXX}): h1 runs Engine 20.10 and is
 * the manager, h2 and h3 run Engine 26. One test, in order: init, a second init changes nothing,
 * containers on the 20.10 and a 26 host reach each other by name, reset leaves no host in a swarm.
 * Skips when not root or the lab cannot start.
 */
class SwarmMixedEnginesIT {
    @RegisterExtension
    static final LabExtension LAB = new LabExtension("swarmmix", LabLayout.of("20.10", "26", "26"));
    private static SwarmLab swarm;

    @BeforeAll
    static void up() {
        swarm = new SwarmLab(LAB.lab());
    }

    @Test
    void initAcrossEngine2010And26CarriesTrafficAndResetUndoesIt() {
        LabHost old = LAB.lab().hostWithEngine("20.10");
        LabHost h3 = LAB.host("h3");
        assertEquals(old.name(), swarm.topology.overlayHosts().get(0).name(), "the lab makes the 20.10 host h1, the manager");

        ChangeReport first = swarm.init(false);
        assertEquals(ExitCode.OK, first.exitCode(), first.toString());
        assertTrue(first.changedAnything());
        assertEquals("3", swarm.in(old, "docker", "info", "--format", "{{.Swarm.Nodes}}"));

        ChangeReport second = swarm.init(false);
        assertEquals(ExitCode.OK, second.exitCode(), second.toString());
        assertFalse(second.changedAnything(), second.toString());

        assertEquals("hello-from-old1", swarm.talk(old, h3, "labnet", "old1"));
        assertEquals("hello-from-new3", swarm.talk(h3, old, "labnet", "new3"));

        swarm.in(old, "docker", "rm", "-f", "old1");
        swarm.in(h3, "docker", "rm", "-f", "new3");
        ChangeReport reset = swarm.reset(false);
        assertEquals(ExitCode.OK, reset.exitCode(), reset.toString());
        for (LabHost h : LAB.lab().fullHosts()) {
            assertEquals("inactive", swarm.swarmState(h), h.name());
        }
    }
}
