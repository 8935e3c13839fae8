package io.ovl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
 * ovl over an IPv6 underlay (issue #17), through the real command line, on one lab: three Engine 26
 * hosts with IPv6 only (no IPv4 address, so nothing can fall back to it), h1 and h2 on one /64, h3
 * on a second behind a router, addressed by IPv6 literals in the topology and in known_hosts
 * (strict host keys). Swarm mode: doctor's port probes pass over IPv6, init forms the swarm on the
 * IPv6 addresses, net verify sees containers on an IPv4 overlay reach each other across hosts whose
 * VTEPs are IPv6, reset leaves the swarm. kv mode on the same hosts is refused before any host is
 * touched, with the upstream reason and the way out (README, "Address families").
 * Tests run in order, each where the previous one left the lab.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class Ipv6UnderlayLabIT {
    @RegisterExtension
    static final LabExtension LAB = new LabExtension("v6u", LabLayout.of("26", "26", "26").withSubnets(2).withIpv6Only());
    private static Path topology;
    private static LabHost h1;
    private static LabHost h3;

    @BeforeAll
    static void up() {
        h1 = LAB.host("h1");
        h3 = LAB.host("h3");
        topology = LAB.lab().topologyPath();
    }

    @Test
    @Order(1)
    void theHostsHaveIpv6OnlyAndAreAddressedByIt() throws IOException {
        assertTrue(h1.address().startsWith("fd6f:766c:6162:"), h1.address());
        assertFalse(h1.address().regionMatches(0, h3.address(), 0, h3.address().lastIndexOf("::")), "h3 is on the other /64");
        assertEquals("", LAB.lab().exec(h3, "ip", "-4", "-o", "addr", "show", "dev", "eth0").stdout().strip());
        assertTrue(Files.readString(topology).contains("address: " + h3.address()), "topology by IPv6");
        assertTrue(Files.readString(LAB.lab().knownHostsPath()).contains(h3.address() + "," + h3.name() + " "),
                "known_hosts: a bare IPv6 address on port 22, as OpenSSH writes it");
    }

    @Test
    @Order(2)
    void doctorProbesThePortsOverIpv6() {
        Cli.Run r = Cli.run("doctor", "-f", topology.toString());
        assertEquals(0, r.exit(), r.out() + r.err());
        assertFalse(r.out().contains("FAIL"), r.out());
        assertTrue(r.out().contains("PASS  " + h3.name() + "  reachable from " + h1.name()), r.out());
        assertTrue(r.out().contains("room for overlay MTU 1430 (VXLAN over IPv6 takes 70 bytes)"), r.out());
    }

    @Test
    @Order(3)
    void initFormsTheSwarmOnTheIpv6Addresses() {
        Cli.Run r = Cli.run("init", "-f", topology.toString(), "--yes");
        assertEquals(0, r.exit(), r.out() + r.err());
        assertEquals(h3.address(), LAB.lab().exec(h3, "docker", "info", "--format", "{{.Swarm.NodeAddr}}").stdout().strip());
        assertTrue(LAB.lab().exec(h1, "docker", "info", "--format", "{{json .Swarm.RemoteManagers}}").stdout()
                .contains("[" + h1.address() + "]:2377"), "the manager is joined at [v6]:2377");
    }

    @Test
    @Order(4)
    void netVerifyCarriesIpv4OverlayTrafficOverIpv6Vteps() {
        Cli.Run r = Cli.run("net", "verify", "-f", topology.toString(), "labnet");
        assertEquals(0, r.exit(), r.out() + r.err());
        assertTrue(r.out().contains("all 6 ordered pairs passed"), r.out());
    }

    @Test
    @Order(5)
    void resetLeavesTheSwarm() {
        Cli.Run r = Cli.run("reset", "-f", topology.toString(), "--yes");
        assertEquals(0, r.exit(), r.out() + r.err());
        for (LabHost h : LAB.lab().fullHosts()) {
            assertEquals("inactive", LAB.lab().exec(h, "docker", "info", "--format", "{{.Swarm.LocalNodeState}}").stdout().strip());
        }
    }

    /** kv mode on these hosts: refused offline by validate, and by doctor and init before any host is contacted. */
    @Test
    @Order(6)
    void kvModeOnTheIpv6UnderlayIsRefusedWithTheReasonAndTheWayOut() {
        Path kv = LAB.lab().stateDir().resolve("topology-kv.yaml");
        try {
            String text = Files.readString(topology).replaceFirst("(?m)^mode: swarm$",
                    "mode: kv\nkv-store:\n  backend: etcd\n  hosts: [" + h1.name() + "]\n  image: local/etcd:3.4\n  port: 2379")
                    .replace("    role: manager\n", "    overlay: false\n");
            Files.writeString(kv, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (String command : new String[] {"validate", "doctor", "init"}) {
            Cli.Run r = Cli.run(command, "-f", kv.toString());
            assertEquals(2, r.exit(), command + ": " + r.out() + r.err());
            String all = r.out() + r.err();
            assertTrue(all.contains("moby#41691"), command + ": " + all);
            if (command.equals("validate")) { // every problem; doctor and init name the first
                assertTrue(all.contains("host '" + h3.name() + "' would send overlay traffic from its IPv6 address "
                        + h3.address()) && all.contains("mode: swarm on Engine 25 or later"), all);
            }
        }
    }
}
