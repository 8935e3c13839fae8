package io.ovl.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ovl.addressing.IpAddress;
import io.ovl.addressing.IpamPool;
import io.ovl.addressing.Prefix;
import io.ovl.core.Finding;
import io.ovl.core.Location;
import io.ovl.core.OvlException;
import io.ovl.core.Severity;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Loading from YAML text: binding, positions, every problem reported, the topology only when valid. */
class TopologyLoaderTest {
    static final Path BASE = Path.of("/etc/ovl");
    static final Path HOME = Path.of("/home/me");

    static LoadResult load(String yaml) {
        return new TopologyLoader(HOME).parse("topology.yaml", yaml, BASE);
    }

    static List<String> lines(LoadResult r) {
        return r.problems().stream().map(Finding::format).toList();
    }

    @Test
    void bindsEveryKeyWithDefaultsAndMergedSsh() {
        LoadResult r = load("""
                version: 1
                mode: kv
                ssh:
                  user: ovl
                  identity-files: [~/.ssh/id_ed25519]
                  known-hosts: ./known_hosts
                  host-key-policy: accept-new
                  connect-timeout: 5s
                kv-store:
                  backend: etcd
                  hosts: [kv1]
                hosts:
                  - name: kv1
                    address: 198.18.0.10
                    overlay: false
                  - name: node1
                    address: 198.18.0.11
                    advertise: eth0
                    ssh: { port: 2222, become: sudo, command-timeout: 1m30s }
                networks:
                  - name: myoverlay
                    subnet: 172.16.16.0/24
                    ip-range: 172.16.16.128/25
                    gateway: 172.16.16.1
                    aux-addresses: { ip2: 172.16.16.2 }
                    encrypted: true
                    mtu: 1450
                    labels: { team: web }
                    options: { com.docker.network.driver.overlay.vxlanid_list: 4097, com.example.bare: "" }
                """);
        assertEquals(List.of(), lines(r));
        Topology t = r.orThrow();
        assertEquals(Mode.KV, t.mode());
        KvStore kv = t.kvStore().orElseThrow();
        assertEquals(KvBackend.ETCD, kv.backend());
        assertEquals(2379, kv.port(), "port defaults per backend");
        assertEquals(KvBackend.ETCD.defaultImage(), kv.image());
        Host kv1 = t.hosts().get(0);
        assertFalse(kv1.overlay());
        assertEquals(Optional.empty(), kv1.ssh().port(), "unset: left to ~/.ssh/config and ssh's default");
        assertEquals(Optional.of("ovl"), kv1.ssh().user());
        assertEquals(List.of(Path.of("/home/me/.ssh/id_ed25519")), kv1.ssh().identityFiles());
        assertEquals(Optional.of(Path.of("/etc/ovl/known_hosts")), kv1.ssh().knownHosts());
        assertEquals(HostKeyPolicy.ACCEPT_NEW, kv1.ssh().hostKeyPolicy());
        assertEquals(Duration.ofSeconds(5), kv1.ssh().connectTimeout());
        Host node1 = t.hosts().get(1);
        assertEquals(Optional.of(2222), node1.ssh().port(), "host override");
        assertEquals(Become.SUDO, node1.ssh().become());
        assertEquals(Duration.ofSeconds(90), node1.ssh().commandTimeout());
        assertEquals(Optional.of("ovl"), node1.ssh().user(), "inherited default");
        assertEquals("eth0", node1.advertiseOrAddress());
        assertEquals(List.of(node1), t.overlayHosts());
        NetworkSpec n = t.networks().get(0);
        assertEquals(Optional.of(Prefix.parse("172.16.16.128/25")), n.pools().get(0).ipRange());
        assertEquals(IpAddress.parse("172.16.16.2"), n.auxAddresses().get("ip2"));
        assertTrue(n.encrypted());
        assertFalse(n.attachable());
        assertEquals(1450, n.mtu().getAsInt());
        assertEquals("web", n.labels().get("team"));
        assertEquals(Map.of("com.docker.network.driver.overlay.vxlanid_list", "4097", "com.example.bare", ""), n.options());
    }

    @Test
    void positionsAreExactAndAllProblemsAreReported() {
        LoadResult r = load("""
                mode: kv
                kv-store:
                  hosts: [kv1, nokv]
                hosts:
                  - name: kv1
                    address: 198.18.0.10
                  - name: node1
                    adress: 198.18.0.11
                    ssh:
                      port: seventy
                networks:
                  - name: net
                    subnet: 172.16.16.5/24
                    ip-range: 172.16.16.128/25
                """);
        assertEquals(List.of(
                "topology.yaml:3:3: kv-store.hosts: kv-store has 2 hosts; use 1, 3 or 5: a quorum needs an odd number of members",
                "topology.yaml:3:16: kv-store.hosts[1]: 'nokv' is not a declared host; declared hosts: kv1, node1",
                "topology.yaml:7:5: hosts[1].address: missing address; add 'address:' with the IP, DNS name or ~/.ssh/config alias SSH connects to",
                "topology.yaml:8:5: hosts[1].adress: unknown key; did you mean 'address'?",
                "topology.yaml:10:13: hosts[1].ssh.port: expected a whole number but found string 'seventy'",
                "topology.yaml:13:13: networks[0].subnet: 172.16.16.5/24 is not a network address (host bits are set); did you mean 172.16.16.0/24?"),
                lines(r));
        assertFalse(r.valid());
        assertEquals(Optional.empty(), r.topology(), "no topology is handed out when there are errors");
    }

    @Test
    void yamlSyntaxErrorsHaveLineAndColumn() {
        LoadResult r = load("""
                mode: kv
                hosts:
                  - name: a
                   address: x
                """);
        assertEquals(1, r.problems().size(), lines(r).toString());
        Finding p = r.problems().get(0);
        Location.InFile at = (Location.InFile) p.location();
        assertEquals(4, at.line());
        assertTrue(at.column() > 0);
        assertTrue(p.message().startsWith("YAML syntax error: "), p.message());
    }

    @Test
    void syntaxErrorsPointAtTheProblemNotItsContext() {
        // SnakeYAML names the enclosing mapping (line 1) first and the problem (line 4) last.
        assertEquals(List.of("topology.yaml:4:2: YAML syntax error: while parsing a block mapping; expected <block end>,"
                + " but found '<block mapping start>'; check indentation (spaces, not tabs) and that every 'key: value'"
                + " has a space after the colon"), lines(load("mode: kv\nhosts:\n  - x\n b: 1\n")));
        List<String> tab = lines(load("mode: swarm\n\thosts: []\n"));
        assertEquals(1, tab.size(), tab.toString());
        assertTrue(tab.get(0).startsWith("topology.yaml:2:1: YAML syntax error: while scanning for the next token;"
                + " found character '\\t(TAB)' that cannot start any token"), tab.get(0));
    }

    @Test
    void aliasesAreRefusedRatherThanMisread() {
        List<String> l = lines(load("mode: swarm\nhosts:\n  - {name: a, address: &addr b}\n  - {name: c, address: *addr}\n"));
        assertEquals("topology.yaml:4:24: YAML aliases (*addr) are not supported; write the value out in full", l.get(0));
    }

    @Test
    void anUnreadableModeIsGuessedFromTheSectionsPresent() {
        List<String> l = lines(load("mode: [swarm]\nhosts: [{name: a, address: b}]\n"));
        assertEquals(List.of("topology.yaml:1:7: mode: expected a string but found a list"), l);
    }

    @Test
    void emptyFileAndNonMappingAreProblemsNotCrashes() {
        assertEquals("topology.yaml:1:1: the file is empty; start from one of the examples in examples/",
                lines(load("")).get(0));
        assertTrue(lines(load("- a\n- b\n")).get(0).contains("expected a mapping"), lines(load("- a\n")).toString());
    }

    @Test
    void duplicateKeysAreReported() {
        List<String> l = lines(load("mode: swarm\nmode: kv\nhosts: [{name: a, address: b}]\n"));
        assertEquals(List.of("topology.yaml:2:1: mode: duplicate key 'mode' (first written at line 1); keep one of them"), l);
    }

    @Test
    void missingModeIsAnErrorAtTheTop() {
        List<String> l = lines(load("hosts: [{name: a, address: b}]\nswarm: {}\n"));
        assertEquals(List.of("topology.yaml:1:1: mode: missing required key 'mode'; add 'mode: kv' (external key-value store) or 'mode: swarm'"), l);
    }

    @Test
    void badEnumValueListsTheChoices() {
        List<String> l = lines(load("mode: swarm\nssh: {become: pbrun}\nhosts: [{name: a, address: b}]\n"));
        assertEquals(List.of("topology.yaml:2:15: ssh.become: 'pbrun' is not valid here; use one of: none, sudo, doas"), l);
    }

    @Test
    void aMistypedValueGetsADidYouMeanToo() {
        List<String> l = lines(load("mode: swarm\nssh: {host-key-policy: accept_new}\nhosts: [{name: a, address: b}]\n"));
        assertEquals(List.of("topology.yaml:2:24: ssh.host-key-policy: 'accept_new' is not valid here; did you mean 'accept-new'?"), l);
    }

    @Test
    void badDurationAndVersion() {
        List<String> l = lines(load("version: 2\nmode: swarm\nssh: {connect-timeout: 10 seconds}\nhosts: [{name: a, address: b}]\n"));
        assertEquals(2, l.size(), l.toString());
        assertTrue(l.get(0).startsWith("topology.yaml:1:10: version: unsupported version 2"), l.get(0));
        assertTrue(l.get(1).startsWith("topology.yaml:3:24: ssh.connect-timeout: '10 seconds' is not a duration"), l.get(1));
    }

    @Test
    void warningsKeepTheTopologyValid() {
        LoadResult r = load("mode: swarm\nhosts:\n  - {name: a, address: b, role: manager}\n  - {name: c, address: d, role: manager}\n");
        assertTrue(r.valid());
        assertEquals(Severity.WARNING, r.problems().get(0).severity());
        assertTrue(r.problems().get(0).format().startsWith("topology.yaml:2:1: warning: hosts: the swarm has 2 managers"),
                r.problems().get(0).format());
        assertTrue(r.topology().isPresent());
    }

    @Test
    void anUnreadableValueIsReportedOnce() {
        // The reader refuses the subnet; the rule that would then miss it must not repeat the problem.
        List<String> l = lines(load("mode: swarm\nhosts: [{name: a, address: b}]\nnetworks: [{name: n, subnet: 10.0.0.0/99, gateway: 10.0.0.1}]\n"));
        assertEquals(2, l.size(), l.toString());
        assertTrue(l.get(0).contains("networks[0].subnet: prefix length /99 is out of range"), l.get(0));
        assertTrue(l.get(1).contains("networks[0].gateway: gateway needs a subnet"), l.get(1));
    }

    /** kv mode: swarm refuses a network with IPv6 (Ipv6Networks); kv only warns that IPv6 stays on one host. */
    private static final String DUAL_HEAD = "mode: kv\nkv-store:\n  hosts: [a]\nhosts: [{name: a, address: 198.18.0.1}]\n"
            + "networks:\n  - name: dual\n";

    @Test
    void subnetIpRangeAndGatewayTakeAListForDualStackAsDockersRepeatedFlagsDo() {
        LoadResult r = load(DUAL_HEAD + """
                    subnet: [172.16.20.0/24, fd00:20::/64]
                    ip-range: [fd00:20::100/120, 172.16.20.128/25]
                    gateway: [172.16.20.1, fd00:20::1]
                    aux-addresses: { r6: fd00:20::2, r4: 172.16.20.2 }
                """);
        assertEquals(List.of(io.ovl.core.Severity.WARNING), r.problems().stream().map(io.ovl.core.Finding::severity).toList(),
                lines(r).toString());
        assertTrue(lines(r).get(0).contains("moby/moby#47125"), lines(r).toString());
        NetworkSpec n = r.orThrow().networks().get(0);
        assertEquals(List.of(
                new IpamPool(Prefix.parse("172.16.20.0/24"), Optional.of(Prefix.parse("172.16.20.128/25")),
                        Optional.of(IpAddress.parse("172.16.20.1")), java.util.Map.of("r4", IpAddress.parse("172.16.20.2"))),
                new IpamPool(Prefix.parse("fd00:20::/64"), Optional.of(Prefix.parse("fd00:20::100/120")),
                        Optional.of(IpAddress.parse("fd00:20::1")), java.util.Map.of("r6", IpAddress.parse("fd00:20::2")))),
                n.pools(), "each ip-range, gateway and aux address goes to the subnet that contains it, in any order");
        assertTrue(n.ipv6());
    }

    @Test
    void aScalarAndAListMixAndAOneItemListIsOneSubnet() {
        NetworkSpec n = load(DUAL_HEAD + "    subnet: [172.16.20.0/24, fd00:20::/64]\n    ip-range: 172.16.20.128/25\n")
                .orThrow().networks().get(0);
        assertEquals(Optional.of(Prefix.parse("172.16.20.128/25")), n.pools().get(0).ipRange());
        assertEquals(Optional.empty(), n.pools().get(1).ipRange());
        assertEquals(List.of(Prefix.parse("172.16.20.0/24")),
                load(DUAL_HEAD + "    subnet: [172.16.20.0/24]\n").orThrow().networks().get(0).subnets());
    }

    @Test
    void dualStackProblemsNameTheLineAndTheListItem() {
        List<String> l = lines(load(DUAL_HEAD + """
                    subnet:
                      - 172.16.20.0/24
                      - 172.16.21.0/24
                    ip-range: [fd00:20::/120]
                    gateway: [172.16.20.1, 10.9.9.9]
                """));
        assertEquals(List.of(
                "topology.yaml:9:9: networks[0].subnet[1]: a second IPv4 subnet 172.16.21.0/24 (the first is 172.16.20.0/24):"
                        + " ovl supports one subnet per address family, one IPv4 and one IPv6; keep one IPv4 subnet, a larger"
                        + " one if you need more addresses",
                "topology.yaml:10:16: networks[0].ip-range[0]: ip-range fd00:20::/120 is IPv6 but no subnet is (subnets:"
                        + " 172.16.20.0/24, 172.16.21.0/24); add the IPv6 subnet it belongs to, or remove it",
                "topology.yaml:11:28: networks[0].gateway[1]: gateway 10.9.9.9 is inside none of the subnets 172.16.20.0/24,"
                        + " 172.16.21.0/24; each belongs to the subnet that contains it: put it inside one"), l);
    }

    @Test
    void aListOfTheWrongShapeIsNamed() {
        List<String> l = lines(load(DUAL_HEAD + "    subnet: [[10.0.0.0/24]]\n    gateway: {a: b}\n"));
        assertEquals(List.of(
                "topology.yaml:7:14: networks[0].subnet[0]: expected a string but found a list",
                "topology.yaml:8:14: networks[0].gateway: expected a string or a list of strings but found a mapping"), l);
    }

    @Test
    void anEntryOfTheWrongShapeIsOneProblemNotThree() {
        List<String> l = lines(load("mode: swarm\nhosts:\n  - node1\n  - {name: b, address: c}\n"));
        assertEquals(List.of("topology.yaml:3:5: hosts[0]: expected a mapping of keys (name, address, overlay, advertise, role, ssh)"
                + " but found string 'node1'"), l);
    }

    @Test
    void orThrowNamesTheFirstProblemAndCountsTheRest() {
        OvlException e = assertThrows(OvlException.class, () -> load("mode: kv\nhosts: []\n").orThrow());
        assertTrue(e.getMessage().startsWith("topology.yaml:"), e.getMessage());
        assertTrue(e.getMessage().endsWith("(and 1 more; run 'ovl validate' to see all)"), e.getMessage());
    }

    @Test
    void loadReadsAFileAndNamesAMissingOne(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path f = dir.resolve("t.yaml");
        java.nio.file.Files.writeString(f, "mode: swarm\nssh: {known-hosts: kh}\nhosts: [{name: a, address: b}]\n");
        LoadResult r = new TopologyLoader(HOME).load(f);
        assertEquals(Optional.of(dir.resolve("kh")), r.orThrow().ssh().knownHosts(), "relative to the file's directory");
        OvlException e = assertThrows(OvlException.class, () -> new TopologyLoader(HOME).load(dir.resolve("nope.yaml")));
        assertTrue(e.getMessage().contains("nope.yaml does not exist"), e.getMessage());
    }
}
