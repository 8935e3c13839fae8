package io.ovl.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer.OrderAnnotation;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * A lab as untidy as real hosts: {@code lab/up --subnets 2 --messy h2 --ssh-port 2222}, two
 * Engine 20.10 hosts on two subnets joined by a router. h2's own name is in no /etc/hosts line and
 * its resolver (an unused address of its own lab subnet) never answers, so every {@code sudo}
 * there waits for DNS timeouts; sshd listens on 2222 everywhere. These are properties of the lab
 * that ovl's own tests rely on, so they are checked for real here.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(OrderAnnotation.class)
class MessyLabIT {

    /** Times {@code sudo -n true} inside the host, so SSH's own connection time does not count. */
    private static final String TIMED_SUDO =
            "s=$(date +%s%N); sudo -n true; rc=$?; e=$(date +%s%N); echo $(( (e - s) / 1000000 )); exit $rc";

    private Lab lab;
    private LabHost h1;
    private LabHost h2;

    @BeforeAll
    void up() {
        lab = Lab.start(Lab.uniqueName("messy"),
                LabLayout.of("20.10", "20.10").withSubnets(2).withMessy("h2").withSshPort(2222));
        h1 = lab.host("h1");
        h2 = lab.host("h2");
    }

    @AfterAll
    void downEvenIfATestFailed() {
        if (lab != null) {
            lab.down();
        }
    }

    @Test
    @Order(1)
    void inventoryKnowsThePortAndTheMessyHost() {
        assertEquals(List.of(2222, 2222), lab.fullHosts().stream().map(LabHost::sshPort).toList());
        assertTrue(h2.messy(), "h2 is messy");
        assertFalse(h1.messy(), "h1 is tidy");
        String h1Prefix = prefix24(h1.address());
        assertFalse(h1Prefix.equals(prefix24(h2.address())), "h1 and h2 on different subnets: " + h1 + ", " + h2);
    }

    @Test
    @Order(2)
    void sshdAnswersOn2222WithTheWrittenKnownHostsAndNotOn22() throws IOException {
        List<String> knownHosts = Files.readAllLines(lab.knownHostsPath());
        for (LabHost h : lab.fullHosts()) {
            assertTrue(knownHosts.stream().anyMatch(l -> l.startsWith("[" + h.address() + "]:2222,[" + h.name() + "]:2222 ")),
                    "known_hosts has [addr]:2222 entries for " + h.name() + ": " + knownHosts);
            // Lab.ssh checks the host key strictly against that file and connects to host.sshPort().
            assertEquals(h.name(), ok(lab.ssh(h, "root", "hostname")).strip());
            assertThrows(IOException.class, () -> {
                try (Socket s = new Socket()) {
                    s.connect(new InetSocketAddress(h.address(), 22), 3000);
                }
            }, "nothing listens on port 22 of " + h.name());
        }
        assertTrue(Files.readString(lab.topologyPath()).contains("\n  port: 2222\n"), "topology names port 2222");
    }

    @Test
    @Order(3)
    void sudoOnTheMessyHostWaitsForTheDeadResolverAndWarns() {
        CommandResult messy = lab.ssh(h2, "ovl", TIMED_SUDO);
        assertEquals(0, messy.exitCode(), "sudo works, only slowly: " + messy.describe());
        long messyMillis = Long.parseLong(messy.stdout().strip());
        assertTrue(messyMillis > 5_000, "sudo on messy h2 took only " + messyMillis + " ms");
        assertTrue(messy.stderr().contains("unable to resolve host"), messy.stderr());

        CommandResult tidy = lab.ssh(h1, "ovl", TIMED_SUDO);
        assertEquals(0, tidy.exitCode(), tidy.describe());
        long tidyMillis = Long.parseLong(tidy.stdout().strip());
        assertTrue(tidyMillis < 3_000, "sudo on tidy h1 took " + tidyMillis + " ms");
        assertFalse(tidy.stderr().contains("unable to resolve host"), tidy.stderr());
        System.err.println("[MessyLabIT] sudo -n true: messy h2 " + messyMillis + " ms, tidy h1 " + tidyMillis + " ms");
    }

    @Test
    @Order(4)
    void theMessyHostsEtcHostsLacksItsOwnNameOnly() {
        List<String> h2Hosts = ok(lab.exec(h2, "cat", "/etc/hosts")).lines().toList();
        assertFalse(h2Hosts.stream().anyMatch(l -> names(l).contains(h2.name())), "h2's own name in " + h2Hosts);
        assertTrue(h2Hosts.stream().anyMatch(l -> names(l).contains(h1.name())), "h1 still listed: " + h2Hosts);
        assertTrue(h2Hosts.stream().anyMatch(l -> names(l).contains("localhost")), "localhost kept: " + h2Hosts);
        List<String> h1Hosts = ok(lab.exec(h1, "cat", "/etc/hosts")).lines().toList();
        assertTrue(h1Hosts.stream().anyMatch(l -> names(l).contains(h1.name())), "tidy h1 lists itself: " + h1Hosts);
    }

    @Test
    @Order(5)
    void theMessyHostsResolverIsAnUnusedAddressOfItsOwnLabSubnet() {
        List<String> nameservers = ok(lab.exec(h2, "cat", "/etc/resolv.conf")).lines()
                .filter(l -> l.startsWith("nameserver")).map(l -> l.split("\\s+")[1]).toList();
        assertFalse(nameservers.isEmpty(), "h2 has a nameserver");
        List<String> used = lab.hosts().stream().map(LabHost::address).toList();
        for (String ns : nameservers) {
            assertEquals(prefix24(h2.address()), prefix24(ns), "nameserver " + ns + " inside h2's lab subnet");
            assertTrue(ns.startsWith("198.18.") || ns.startsWith("198.19."), ns + " in the lab's 198.18.0.0/15");
            assertFalse(used.contains(ns), ns + " is no lab host's address");
        }
    }

    @Test
    @Order(6)
    void trafficFlowsBetweenTheTwoSubnetsThroughTheRouter() {
        ok(lab.ssh(h1, "root", "ping -c 2 -W 3 " + h2.address()));
        ok(lab.ssh(h2, "root", "ping -c 2 -W 3 " + h1.address()));
        String route = ok(lab.ssh(h1, "root", "ip route get " + h2.address()));
        assertTrue(route.contains(" via "), "h1 reaches h2 through a gateway (the router): " + route);
    }

    @Test
    @Order(100)
    void downLeavesNothing() {
        lab.close();
        assertEquals(List.of(), lab.leftovers());
    }

    private static List<String> names(String hostsLine) {
        String line = hostsLine.replaceFirst("#.*", "").strip();
        List<String> fields = Arrays.asList(line.split("\\s+"));
        return fields.size() < 2 ? List.of() : fields.subList(1, fields.size());
    }

    private static String prefix24(String address) {
        return address.substring(0, address.lastIndexOf('.'));
    }

    private static String ok(CommandResult result) {
        assertEquals(0, result.exitCode(), result.describe());
        return result.stdout();
    }
}
