package io.ovl.draft;

import static io.ovl.draft.FakeFacts.captured;
import static io.ovl.draft.FakeFacts.iface;
import static io.ovl.draft.FakeFacts.route;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ovl.addressing.Prefix;
import io.ovl.doctor.DockerNetwork;
import io.ovl.topology.Become;
import io.ovl.topology.LoadResult;
import io.ovl.topology.Mode;
import io.ovl.topology.SwarmRole;
import io.ovl.topology.Topology;
import io.ovl.topology.TopologyLoader;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The draft of {@code ovl new topology}, pure logic over a FAKE of the hosts' facts
 * ({@link FakeFacts}: outputs captured on real lab hosts, or facts built by hand); no host is
 * contacted. Every draft is rendered and loaded back through {@link TopologyLoader}, the one place
 * that validates topology files, and must be valid.
 */
class DraftPlannerTest {
    private static final DraftSsh SSH = new DraftSsh(Optional.of("ovl"), Optional.empty(),
            List.of(Path.of("/keys/id_ed25519")), Optional.of(Path.of("/keys/known_hosts")), Become.SUDO);

    private static DraftPlanner.SeenHost seen(String arg, FakeFacts f) {
        return new DraftPlanner.SeenHost(HostArgument.parse(arg), f.facts());
    }

    /** Renders the draft and loads it as `ovl validate` does; fails the test when it does not validate. */
    private static Topology validated(TopologyDraft draft) {
        String text = DraftRenderer.render(draft, SSH, "topology.yaml", "ovl new topology ...", "2026-12-06 04:00 UTC");
        LoadResult r = new TopologyLoader(Path.of("/home/test")).parse("topology.yaml", text, Path.of("/work"));
        assertTrue(r.valid(), r.problems() + "\n" + text);
        return r.topology().orElseThrow();
    }

    @Test
    void hostsAllOnEngine2010GiveKvWithAnEtcdStoreOnTheFirstHostAndTheFileValidates() {
        TopologyDraft d = DraftPlanner.plan(List.of(seen("198.18.144.11", captured("h1-2010")),
                seen("198.18.144.12", captured("h2-2010"))));
        assertEquals(Mode.KV, d.mode());
        assertTrue(String.join(" ", d.modeWhy()).contains("every host runs Docker Engine < 23 (doctor-h1 20.10.24+dfsg1,"
                + " doctor-h2 20.10.24+dfsg1)"), d.modeWhy().toString());
        assertEquals(List.of("doctor-h1", "doctor-h2"), d.hosts().stream().map(TopologyDraft.Host::name).toList());
        assertEquals(Optional.of("198.18.144.11"), d.hosts().get(0).advertise());
        assertTrue(d.hosts().get(0).comments().contains(
                "advertise eth0 198.18.144.11/24: its routes reach doctor-h2 198.18.144.12 (on-link)"),
                d.hosts().get(0).comments().toString());

        Topology t = validated(d);
        assertEquals(Mode.KV, t.mode());
        assertEquals(List.of("doctor-h1"), t.kvStore().orElseThrow().hosts());
        assertEquals(2379, t.kvStore().orElseThrow().port());
        assertEquals("198.18.144.12", t.hosts().get(1).address());
        assertEquals(Optional.of("198.18.144.12"), t.hosts().get(1).advertise());
        assertTrue(t.hosts().get(0).overlay());
        assertEquals(Optional.of("ovl"), t.ssh().user());
        assertEquals(Become.SUDO, t.ssh().become());
        assertEquals(List.of(Path.of("/keys/id_ed25519")), t.ssh().identityFiles());
        assertEquals("myoverlay", t.networks().get(0).name());
        assertEquals(List.of(Prefix.parse("172.16.16.0/24")), t.networks().get(0).subnets());
    }

    @Test
    void oneHostOnEngine26MakesItSwarmWithTheFirstHostAsManagerAndSaysWhy() {
        TopologyDraft d = DraftPlanner.plan(List.of(seen("198.18.144.11", captured("h1-2010")),
                seen("198.18.180.13", captured("h3-26"))));
        assertEquals(Mode.SWARM, d.mode());
        String why = String.join(" ", d.modeWhy());
        assertTrue(why.contains("Engine 23 removed dockerd's --cluster-store"), why);
        assertTrue(why.contains("doctor26-h3 26.1.5+dfsg1 runs Engine 23 or later"), why);
        assertTrue(why.contains("so it fits doctor-h1 20.10.24+dfsg1 too"), why);
        assertTrue(d.store().isEmpty());
        // h3 is on another subnet: h1 reaches it through its default route, and the comment says so.
        assertTrue(d.hosts().get(0).comments().contains("advertise eth0 198.18.144.11/24: its routes reach doctor26-h3"
                + " 198.18.180.13 (via 198.18.144.1, default route)"), d.hosts().get(0).comments().toString());

        Topology t = validated(d);
        assertEquals(Mode.SWARM, t.mode());
        assertEquals(Optional.of(SwarmRole.MANAGER), t.hosts().get(0).role());
        assertEquals(Optional.of(SwarmRole.WORKER), t.swarmRole(t.hosts().get(1)));
        assertTrue(t.kvStore().isEmpty());
    }

    @Test
    void anEngineThatCouldNotBeReadMakesItSwarmWithAReviewLine() {
        TopologyDraft d = DraftPlanner.plan(List.of(seen("198.18.144.11", captured("h1-2010")),
                seen("198.18.144.12", captured("h2-2010").dockerUnknown("`docker info` exited with status 1: permission denied"))));
        assertEquals(Mode.SWARM, d.mode());
        String why = String.join("\n", d.modeWhy());
        assertTrue(why.contains("doctor-h2 (`docker info` exited with status 1: permission denied)"), why);
        assertTrue(why.contains("REVIEW: when every host runs Engine < 23"), why);
        assertTrue(d.hosts().get(1).comments().get(0).contains("Docker Engine unknown (`docker info` exited"), d.hosts().toString());
        validated(d);
        TopologyDraft asUser = DraftPlanner.plan(List.of(seen("ovl@198.18.144.11",
                captured("h1-2010").uid(1000).dockerUnknown("permission denied"))));
        assertTrue(asUser.hosts().get(0).comments().contains("REVIEW: commands ran as uid 1000, not root: log in as root or"
                + " pass --become sudo, so that Docker can be read (and ovl init can change it)"), asUser.hosts().toString());
    }

    @Test
    void theExampleSubnetOverlapsNothingAnyHostHas() {
        FakeFacts h2 = captured("h2-2010")
                .withDockerNetwork(new DockerNetwork("app", "bridge", "local", List.of(Prefix.parse("172.16.16.0/24"))))
                .withRoute(route("172.16.17.0/24", "eth0", "198.18.144.1"))
                .withInterface(iface("eth1", 1500, "172.16.18.5/24"));
        TopologyDraft d = DraftPlanner.plan(List.of(seen("198.18.144.11", captured("h1-2010")), seen("198.18.144.12", h2)));
        assertEquals(Prefix.parse("172.16.19.0/24"), d.network().orElseThrow().subnet());
        assertEquals(List.of(Prefix.parse("172.16.19.0/24")), validated(d).networks().get(0).subnets());
    }

    @Test
    void aSmallUnderlayMtuGivesTheNetworkAnMtuThatFits() {
        TopologyDraft d = DraftPlanner.plan(List.of(seen("198.18.144.11", captured("h1-2010").mtu(1400)),
                seen("198.18.144.12", captured("h2-2010"))));
        assertEquals(1350, d.network().orElseThrow().mtu().orElseThrow());
        assertEquals(1350, validated(d).networks().get(0).mtu().orElseThrow());
        TopologyDraft full = DraftPlanner.plan(List.of(seen("198.18.144.11", captured("h1-2010")),
                seen("198.18.144.12", captured("h2-2010"))));
        assertTrue(full.network().orElseThrow().mtu().isEmpty());
    }

    @Test
    void namesAreTheHostsOwnThenTheTypedNameThenHnAndAlwaysUnique() {
        TopologyDraft d = DraftPlanner.plan(List.of(
                seen("198.18.144.11", captured("h1-2010").hostname("node.example.org")),
                seen("198.18.144.12", captured("h2-2010").hostname("node")),
                seen("root@docker3.example.org", captured("h2-2010").hostname("-not a label-")),
                seen("198.18.144.14", captured("h2-2010").hostname("-"))));
        assertEquals(List.of("node", "node-2", "docker3", "h4"), d.hosts().stream().map(TopologyDraft.Host::name).toList());
        assertTrue(d.hosts().get(1).comments().stream().anyMatch(c -> c.startsWith("REVIEW: its hostname is node,")),
                d.hosts().get(1).comments().toString());
        Topology t = validated(d);
        assertEquals("docker3.example.org", t.hosts().get(2).address());
        assertEquals(Optional.of("root"), t.hosts().get(2).ssh().user());
    }

    @Test
    void aHostWhoseInterfacesAreUnknownGetsNoAdvertiseButAReviewLineAndKvStillValidatesOnAnAddress() {
        TopologyDraft d = DraftPlanner.plan(List.of(seen("198.18.144.11", captured("h1-2010").interfacesUnknown("ip: not found")),
                seen("198.18.144.12", captured("h2-2010"))));
        assertEquals(Optional.empty(), d.hosts().get(0).advertise());
        assertTrue(d.hosts().get(0).comments().contains("REVIEW: interfaces unknown (ip: not found); set advertise: by hand"),
                d.hosts().get(0).comments().toString());
        assertTrue(d.network().orElseThrow().comments().stream().anyMatch(c -> c.contains("of doctor-h1 were not read")));
        validated(d);
    }

    @Test
    void aHostTypedWithUserAndPortKeepsThemAsItsOwnSshSettings() {
        TopologyDraft d = DraftPlanner.plan(List.of(seen("admin@198.18.144.11:2222", captured("h1-2010")),
                seen("198.18.144.12", captured("h2-2010"))));
        Topology t = validated(d);
        assertEquals(Optional.of("admin"), t.hosts().get(0).ssh().user());
        assertEquals(Optional.of(2222), t.hosts().get(0).ssh().port());
        assertEquals(Optional.of("ovl"), t.hosts().get(1).ssh().user());
        assertFalse(t.hosts().get(1).ssh().port().isPresent());
    }
}
