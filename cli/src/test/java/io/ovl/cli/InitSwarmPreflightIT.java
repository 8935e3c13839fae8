package io.ovl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ovl.lab.LabExtension;
import io.ovl.lab.LabHost;
import io.ovl.lab.LabLayout;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code ovl init} in swarm mode with doctor's checks as preflight, through the real command line,
 * on three real Engine 26 hosts (h1 the manager): the swarm management port 2377/tcp dropped on
 * the manager stops init with exit 3 naming h1 and ports.reachable, and no host joins a swarm;
 * without the fault init builds the swarm, and a re-run passes the checks of the set-up swarm
 * (dockerd then holds 2377 and 7946) and changes nothing. Skips when not root or the lab cannot start.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class InitSwarmPreflightIT {
    private static final String[] DROP_2377 = {"iptables", "-I", "INPUT", "-p", "tcp", "--dport", "2377", "-j", "DROP"};
    private static final String[] UNDROP_2377 = {"iptables", "-D", "INPUT", "-p", "tcp", "--dport", "2377", "-j", "DROP"};

    @RegisterExtension
    static final LabExtension LAB = new LabExtension("preswarm", LabLayout.of("26", "26", "26"));
    private static Path topology;

    @BeforeAll
    static void up() {
        topology = LAB.lab().topologyPath();
    }

    /**
     * A host with {@code overlay: false} joins no swarm, so the swarm run opens no session of its
     * own to it; doctor still checks it (as {@code ovl doctor} does) and must reach it, not call it
     * unreachable and stop init.
     */
    @Test
    @Order(0)
    void aHostOutsideTheOverlayIsCheckedAndDoesNotStopInit() throws Exception {
        LabHost h3 = LAB.host("h3");
        Path outside = topology.resolveSibling("topology-h3-outside.yaml");
        String text = Files.readString(topology);
        String changed = text.replaceFirst("(?m)^(  - name: " + h3.name() + "\n    address: \\S+)$", "$1\n    overlay: false");
        assertNotEquals(text, changed, "h3's entry in " + topology);
        Files.writeString(outside, changed);

        Cli.Run r = Cli.run("init", "-f", outside.toString(), "--dry-run", "--output", "json");

        assertEquals(0, r.exit(), r.out() + r.err());
        JsonNode results = new ObjectMapper().readTree(r.out()).path("plan").path("checks").path("results");
        boolean h3Reached = false;
        for (JsonNode c : results) {
            if (c.path("host").asText().equals(h3.name()) && c.path("check").asText().equals("ssh.reachable")) {
                assertEquals("pass", c.path("status").asText(), c.toString());
                h3Reached = true;
            }
        }
        assertTrue(h3Reached, "doctor's ssh.reachable on " + h3.name() + " in " + results);
    }

    @Test
    @Order(1)
    void aBlockedManagementPortStopsInitAndNoHostJoinsASwarm() {
        LabHost h1 = LAB.host("h1");
        LAB.lab().exec(h1, DROP_2377);
        Cli.Run r;
        try {
            r = Cli.run("init", "-f", topology.toString());
        } finally {
            LAB.lab().exec(h1, UNDROP_2377);
        }

        assertEquals(3, r.exit(), r.out() + r.err());
        assertTrue(r.err().contains("nothing was changed: host " + h1.name() + ": ports.reachable: "), r.err());
        assertTrue(r.out().contains("tcp/2377"), r.out());
        for (LabHost h : LAB.lab().fullHosts()) {
            assertEquals("inactive", swarmState(h), h.name());
        }
    }

    @Test
    @Order(2)
    void withoutTheFaultInitBuildsTheSwarmAndAReRunPassesTheChecksAndChangesNothing() {
        Cli.Run first = Cli.run("init", "-f", topology.toString());
        assertEquals(0, first.exit(), first.out() + first.err());
        for (LabHost h : LAB.lab().fullHosts()) {
            assertEquals("active", swarmState(h), h.name());
        }

        Cli.Run again = Cli.run("init", "-f", topology.toString());
        assertEquals(0, again.exit(), again.out() + again.err());
        assertTrue(again.out().contains("0 error(s)"), again.out());
        assertTrue(again.out().contains("Nothing to do"), again.out());
    }

    private static String swarmState(LabHost h) {
        return LAB.lab().exec(h, "docker", "info", "--format", "{{.Swarm.LocalNodeState}}").stdout().strip();
    }
}
