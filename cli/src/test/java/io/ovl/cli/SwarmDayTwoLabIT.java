package io.ovl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ovl.lab.LabExtension;
import io.ovl.lab.LabHost;
import io.ovl.lab.LabLayout;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Removing hosts from a swarm with {@code reset --hosts}, through the real command line on four
 * Engine 26 hosts: managers h1, h2, h3 and worker h4. A manager leaves (demoted first, its node
 * removed) and the swarm keeps its quorum; removing the last two managers is refused; the manager
 * the run talks to can itself be removed, through another one. The networks stay. Tests run in
 * order on one lab.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SwarmDayTwoLabIT {
    @RegisterExtension
    static final LabExtension LAB = new LabExtension("swday2", LabLayout.of("26", "26", "26", "26"));
    private static LabHost h1;
    private static LabHost h2;
    private static LabHost h3;
    private static Path topology;

    @BeforeAll
    static void up() {
        h1 = LAB.host("h1");
        h2 = LAB.host("h2");
        h3 = LAB.host("h3");
        try {
            String text = Files.readString(LAB.lab().topologyPath());
            for (LabHost h : new LabHost[] {h2, h3}) {
                text = text.replaceFirst("(?m)^(  - name: " + h.name() + "\\n    address: .*\\n    # engine: .*\\n)",
                        "$1    role: manager\n");
            }
            assertTrue(text.contains("mode: swarm") && text.split("role: manager", -1).length == 4, text);
            topology = LAB.lab().stateDir().resolve("topology-managers.yaml");
            Files.writeString(topology, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    @Order(1)
    void initMakesThreeManagersAndAWorker() {
        Cli.Run r = Cli.run("init", "-f", topology.toString());

        assertEquals(0, r.exit(), r.out() + r.err());
        assertEquals(4, nodes(h1));
        assertEquals("3", managers(h1));
    }

    @Test
    @Order(2)
    void aManagerLeavesDemotedFirstItsNodeRemovedAndTheSwarmKeepsGoing() {
        Cli.Run r = Cli.run("reset", "-f", topology.toString(), "--hosts", h2.name());

        assertEquals(0, r.exit(), r.out() + r.err());
        assertEquals("inactive", state(h2));
        assertEquals(3, nodes(h1));
        assertEquals("2", managers(h1));
        assertTrue(LAB.lab().inHost(h1, "docker", "network", "inspect", "labnet").succeeded(), "labnet stays");
        assertTrue(r.out().contains("next: delete " + h2.name() + " from "), r.out());
    }

    @Test
    @Order(3)
    void removingTheLastManagersIsRefusedAndNothingChanges() {
        Cli.Run r = Cli.run("reset", "-f", topology.toString(), "--hosts", h1.name() + "," + h3.name());

        assertEquals(3, r.exit(), r.out() + r.err());
        assertTrue((r.out() + r.err()).contains("swarm.quorum"), r.out() + r.err());
        assertEquals("active", state(h1));
        assertEquals("active", state(h3));
        assertEquals(3, nodes(h1));
    }

    @Test
    @Order(4)
    void theManagerTheRunTalksToIsRemovedThroughAnother() {
        Cli.Run r = Cli.run("reset", "-f", topology.toString(), "--hosts", h1.name());

        assertEquals(0, r.exit(), r.out() + r.err());
        assertEquals("inactive", state(h1));
        assertEquals(2, nodes(h3));
        assertEquals("1", managers(h3));
        assertTrue(LAB.lab().inHost(h3, "docker", "network", "inspect", "labnet").succeeded(), "labnet stays");
    }

    private static String state(LabHost h) {
        return LAB.lab().inHost(h, "docker", "info", "--format", "{{.Swarm.LocalNodeState}}").stdout().strip();
    }

    private static int nodes(LabHost manager) {
        return (int) LAB.lab().inHost(manager, "docker", "node", "ls", "-q").stdout().lines().filter(l -> !l.isBlank()).count();
    }

    private static String managers(LabHost manager) {
        return String.valueOf(LAB.lab().inHost(manager, "docker", "node", "ls", "--filter", "role=manager", "-q").stdout()
                .lines().filter(l -> !l.isBlank()).count());
    }
}
