package io.ovl.doctor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ovl.core.Finding;
import io.ovl.core.Severity;
import io.ovl.lab.CommandResult;
import io.ovl.lab.LabExtension;
import io.ovl.lab.LabHost;
import io.ovl.lab.LabLayout;
import io.ovl.topology.Become;
import io.ovl.topology.Topology;
import io.ovl.topology.TopologyLoader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * esp.reachable on three real Engine 26 hosts (lab {@code espit-XXXX}) with the lab's swarm
 * topology plus an encrypted network: the real probe scripts send raw ESP packets over the lab's
 * underlay. IP protocol 50 passes everywhere; then ESP is dropped for real with iptables on one
 * host and exactly the two directions into that host fail. Skips when not root or the lab cannot
 * start.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EspLabIT {
    @RegisterExtension
    static final LabExtension LAB = new LabExtension("espit", LabLayout.of("26", "26", "26"));
    private static Path file;
    private static Topology topology;
    private static LabHost h1;
    private static LabHost h2;
    private static LabHost h3;

    @BeforeAll
    static void up() {
        h1 = LAB.host("h1");
        h2 = LAB.host("h2");
        h3 = LAB.host("h3");
        try {
            file = LAB.lab().stateDir().resolve("topology-esp-it.yaml");
            Files.writeString(file, Files.readString(LAB.lab().topologyPath())
                    + "  - name: secnet\n    subnet: 172.16.20.0/24\n    encrypted: true\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        topology = new TopologyLoader().load(file).orThrow();
    }

    private static String in(LabHost host, String... command) {
        CommandResult r = LAB.lab().inHost(host, command);
        assertTrue(r.succeeded(), r.describe());
        return r.stdout().strip();
    }

    @Test
    @Order(1)
    void espPassesBetweenEveryPairOfHostsAndNoProbeIsLeftRunning() {
        DoctorReport r = DoctorLabIT.doctor(topology, file);

        for (LabHost h : List.of(h1, h2, h3)) {
            Finding esp = DoctorLabIT.result(r, "esp.reachable", h.name());
            assertEquals(Severity.PASS, esp.severity(), h.name() + ": " + esp.message());
            assertTrue(esp.message().startsWith("IP protocol 50 arrives from ") && esp.message().endsWith("(encrypted: secnet)"),
                    esp.message());
        }
        assertEquals("IP protocol 50 arrives from " + h1.name() + ", " + h3.name() + " (encrypted: secnet)",
                DoctorLabIT.result(r, "esp.reachable", h2.name()).message());
        for (LabHost h : List.of(h1, h2, h3)) {
            assertEquals("", in(h, "sh", "-c", "pgrep -x perl || true"), h.name());
        }
    }

    @Test
    @Order(2)
    void espDroppedOnOneHostFailsExactlyTheTwoDirectionsIntoIt() {
        in(h2, "iptables", "-I", "INPUT", "-p", "esp", "-j", "DROP");
        try {
            DoctorReport r = DoctorLabIT.doctor(topology, file);

            Finding bad = DoctorLabIT.result(r, "esp.reachable", h2.name());
            assertEquals(Severity.ERROR, bad.severity(), bad.message());
            assertTrue(bad.message().startsWith("2 of 2 directions fail: "), bad.message());
            assertTrue(bad.message().contains(h1.name() + " -> " + h2.name() + " (" + h2.address() + ") esp: sent, nothing arrived"),
                    bad.message());
            assertTrue(bad.message().contains(h3.name() + " -> " + h2.name() + " (" + h2.address() + ") esp: sent, nothing arrived"),
                    bad.message());
            String hint = bad.fix().orElseThrow();
            assertTrue(hint.contains("iptables -I INPUT -p esp -s " + h1.address() + " -j ACCEPT")
                    && hint.contains("iptables -I INPUT -p esp -s " + h3.address() + " -j ACCEPT"), hint);
            assertEquals(Severity.PASS, DoctorLabIT.result(r, "esp.reachable", h1.name()).severity());
            assertEquals(Severity.PASS, DoctorLabIT.result(r, "esp.reachable", h3.name()).severity());
            // Only ESP is dropped: the ports into h2 still pass.
            assertEquals(Severity.PASS, DoctorLabIT.result(r, "ports.reachable", h2.name()).severity());
            assertEquals(List.of("esp.reachable " + h2.name()), r.results().filter(x -> x.severity() == Severity.ERROR)
                    .map(x -> x.subject() + " " + x.host()).toList());
        } finally {
            in(h2, "iptables", "-D", "INPUT", "-p", "esp", "-j", "DROP");
        }
    }

    @Test
    @Order(3)
    void aNonRootUserProbesEspThroughSudo() {
        DoctorReport r = DoctorLabIT.doctor(DoctorLabIT.asUser(topology, "ovl", Become.SUDO), file);

        for (LabHost h : List.of(h1, h2, h3)) {
            Finding esp = DoctorLabIT.result(r, "esp.reachable", h.name());
            assertEquals(Severity.PASS, esp.severity(), h.name() + ": " + esp.message());
        }
    }
}
