package io.ovl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ovl.lab.Lab;
import io.ovl.lab.LabHost;
import io.ovl.lab.LabLayout;
import io.ovl.topology.LoadResult;
import io.ovl.topology.Mode;
import io.ovl.topology.SwarmRole;
import io.ovl.topology.Topology;
import io.ovl.topology.TopologyLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * {@code ovl new topology} on real lab hosts, through the real command line, with the lab's key
 * and known_hosts (strict host keys): the drafted file passes {@code ovl validate} and
 * {@code ovl doctor --no-probe} unchanged. Two labs, one after the other (each taken down at the
 * end of its test):
 * <ul>
 *   <li>three Engine 20.10 hosts on two routed subnets, reached as user ovl with sudo (one as
 *       root@ADDR): mode kv, etcd on the first host, each host advertising the address its routes
 *       reach the others from (across the router, by the default route);</li>
 *   <li>Engine 20.10 and 26: mode swarm, the first host manager, the reason in the file.</li>
 * </ul>
 */
class NewTopologyLabIT {
    private static Topology load(Path file) {
        LoadResult r = new TopologyLoader().load(file);
        assertTrue(r.valid(), r.problems().toString());
        return r.topology().orElseThrow();
    }

    private static void validatesAndDoctorPasses(Path file) {
        Cli.Run v = Cli.run("validate", "-f", file.toString());
        assertEquals(0, v.exit(), v.out() + v.err());
        Cli.Run d = Cli.run("doctor", "-f", file.toString(), "--no-probe");
        assertEquals(0, d.exit(), d.out() + d.err());
        assertFalse(d.out().contains("FAIL"), d.out());
    }

    @Test
    void threeEngine2010HostsOnTwoRoutedSubnetsGiveKvWithTheStoreOnTheFirst() throws IOException {
        try (Lab lab = Lab.start(Lab.uniqueName("newtopo"), LabLayout.of("20.10", "20.10", "20.10").withSubnets(2))) {
            LabHost h1 = lab.host("h1");
            LabHost h2 = lab.host("h2");
            LabHost h3 = lab.host("h3");
            Path file = lab.stateDir().resolve("new-topology-kv.yaml");
            Files.deleteIfExists(file);
            Cli.Run r = Cli.run("new", "topology", "--user", "ovl", "--become", "sudo", "--identity", lab.keyPath().toString(),
                    "--known-hosts", lab.knownHostsPath().toString(), "-o", file.toString(),
                    h1.address(), h2.address(), "root@" + h3.address());
            assertEquals(0, r.exit(), r.out() + r.err());
            assertEquals("", r.out());
            assertTrue(r.err().contains("ovl: wrote " + file + ": mode kv, 3 host(s), etcd store on " + h1.name() + ":2379"),
                    r.err());
            String text = Files.readString(file);
            assertTrue(text.contains("# mode kv: every host runs Docker Engine < 23 (" + h1.name() + " 20.10.24"), text);

            Topology t = load(file);
            assertEquals(Mode.KV, t.mode());
            assertEquals(List.of(h1.name(), h2.name(), h3.name()), t.hosts().stream().map(h -> h.name()).toList());
            assertEquals(List.of(h1.name()), t.kvStore().orElseThrow().hosts());
            for (LabHost h : List.of(h1, h2, h3)) {
                assertEquals(Optional.of(h.address()), t.host(h.name()).orElseThrow().advertise(), h.name());
            }
            assertEquals(Optional.of("root"), t.host(h3.name()).orElseThrow().ssh().user());
            // h1 and h3 are on different subnets: h1 reaches h3 by the default route, through the router.
            String unwrapped = text.replace("\n  #   ", " ");
            assertTrue(unwrapped.lines().anyMatch(l -> l.startsWith("  # advertise eth0 " + h1.address() + "/24: its routes reach")
                    && l.contains(h2.name() + " " + h2.address() + " (on-link)")
                    && l.contains(h3.name() + " " + h3.address() + " (via ")), text);
            assertTrue(text.contains("#   ovl new topology --user ovl --become sudo"), text);
            validatesAndDoctorPasses(file);

            Cli.Run again = Cli.run("new", "topology", "--identity", lab.keyPath().toString(), "--known-hosts",
                    lab.knownHostsPath().toString(), "-o", file.toString(), "root@" + h1.address());
            assertEquals(2, again.exit(), again.err());
            assertEquals(text, Files.readString(file), "kept without --force");
            Cli.Run forced = Cli.run("new", "topology", "--user", "root", "--identity", lab.keyPath().toString(),
                    "--known-hosts", lab.knownHostsPath().toString(), "-o", file.toString(), "--force",
                    h1.address(), h2.address());
            assertEquals(0, forced.exit(), forced.out() + forced.err());
            assertEquals(2, load(file).hosts().size());
            validatesAndDoctorPasses(file);
        }
    }

    @Test
    void anEngine26HostMakesItSwarmWithTheFirstHostAsManager() throws IOException {
        try (Lab lab = Lab.start(Lab.uniqueName("newtopo"), LabLayout.of("20.10", "26"))) {
            LabHost h1 = lab.host("h1");
            LabHost h2 = lab.host("h2");
            Cli.Run r = Cli.run("new", "topology", "--user", "root", "--identity", lab.keyPath().toString(),
                    "--known-hosts", lab.knownHostsPath().toString(), h1.address(), h2.address());
            assertEquals(0, r.exit(), r.out() + r.err());
            assertTrue(r.out().startsWith("# A topology drafted by `ovl new topology`"), r.out());
            assertTrue(r.out().contains(h2.name() + " 26.1.5"), r.out());
            assertTrue(r.out().contains("Engine 23 removed dockerd's --cluster-store"), r.out());
            Path file = Files.writeString(lab.stateDir().resolve("new-topology-swarm.yaml"), r.out());

            Topology t = load(file);
            assertEquals(Mode.SWARM, t.mode());
            assertEquals(Optional.of(SwarmRole.MANAGER), t.hosts().get(0).role());
            assertEquals(h1.name(), t.hosts().get(0).name());
            assertEquals(Optional.of(h2.address()), t.hosts().get(1).advertise());
            validatesAndDoctorPasses(file);
        }
    }
}
