package io.ovl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class NetCreateCommandTest {
    @Test
    void theOverlayOfDockersGuideIsValidAndPrinted() {
        Cli.Run r = Cli.run("net", "create", "myoverlay", "--subnet", "172.16.16.0/24", "--ip-range", "172.16.16.128/25",
                "--aux-address", "ip2=172.16.16.2", "--dry-run");
        assertEquals(0, r.exit(), r.err());
        assertEquals("", r.err());
        assertTrue(r.out().startsWith("dry run: would create overlay network 'myoverlay'; nothing was changed\n"), r.out());
        assertTrue(r.out().contains("  ip-range       172.16.16.128/25\n"), r.out());
        assertTrue(r.out().contains("  aux-addresses  ip2=172.16.16.2\n"), r.out());
        assertTrue(r.out().endsWith("as: docker network create --driver overlay --subnet 172.16.16.0/24 --ip-range 172.16.16.128/25"
                + " --aux-address ip2=172.16.16.2 myoverlay\n"), r.out());
    }

    @Test
    void theBridgeAddressingOfDockersGuideIsValid() {
        Cli.Run r = Cli.run("net", "create", "my-net", "--subnet", "192.168.50.0/24", "--gateway", "192.168.50.1",
                "--ip-range", "192.168.50.128/25", "--dry-run");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("  gateway        192.168.50.1\n"), r.out());
    }

    @Test
    void aSubnetWithHostBitsIsRefusedNamingTheNetworkAddress() {
        Cli.Run r = Cli.run("net", "create", "x", "--subnet", "172.16.16.5/24", "--dry-run");
        assertEquals(2, r.exit());
        assertEquals("ovl: error: --subnet: 172.16.16.5/24 is not a network address (host bits are set); did you mean 172.16.16.0/24?\n",
                r.err());
        assertEquals("", r.out(), "nothing is shown as would-be-created when invalid");
    }

    @Test
    void everyProblemIsReportedByItsFlag() {
        Cli.Run r = Cli.run("net", "create", "bridge", "--subnet", "10.0.0.0/24", "--gateway", "10.0.0.255",
                "--aux-address", "r=10.0.1.1", "--mtu", "20", "--dry-run");
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("ovl: error: NAME: 'bridge' is a network Docker predefines"), r.err());
        assertTrue(r.err().contains("ovl: error: --gateway: gateway 10.0.0.255 is the broadcast address of 10.0.0.0/24"), r.err());
        assertTrue(r.err().contains("ovl: error: --aux-address r: aux-address r=10.0.1.1 is not inside subnet 10.0.0.0/24"), r.err());
        assertTrue(r.err().contains("ovl: error: --mtu: mtu 20 is outside 68..9000"), r.err());
    }

    @Test
    void anAuxAddressInsideTheRangeIsAWarningNotAFailure() {
        Cli.Run r = Cli.run("net", "create", "n", "--subnet", "172.16.16.0/24", "--ip-range", "172.16.16.128/25",
                "--aux-address", "x=172.16.16.130", "--dry-run");
        assertEquals(0, r.exit());
        assertTrue(r.err().startsWith("ovl: warning: --aux-address x: aux-address x=172.16.16.130 lies inside ip-range"), r.err());
    }

    @Test
    void ipv6IsCheckedToo() {
        assertEquals(0, Cli.run("net", "create", "v6", "--subnet", "fd00:16::/64", "--gateway", "fd00:16::1", "--dry-run").exit());
        Cli.Run r = Cli.run("net", "create", "v6", "--subnet", "fd00:16::/64", "--gateway", "fd00:17::1", "--dry-run");
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("gateway fd00:17::1 is not inside subnet fd00:16::/64"), r.err());
    }

    @Test
    void withoutDryRunItNeedsATopologyAndSaysWhichFilesItTried() {
        Cli.Run r = Cli.run("net", "create", "x", "--subnet", "10.0.0.0/24");
        assertEquals(2, r.exit());
        assertEquals("", r.out());
        assertTrue(r.err().startsWith("ovl: no topology file found; tried: -f FILE (not given), $OVL_TOPOLOGY (not set),"
                + " ./topology.yaml (does not exist)"), r.err());
    }

    @Test
    void anInvalidNetworkIsRefusedBeforeAnyTopologyIsRead() {
        Cli.Run r = Cli.run("net", "create", "x", "--subnet", "10.0.0.5/24", "-f", "does-not-exist.yaml");
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("--subnet: 10.0.0.5/24 is not a network address"), r.err());
        assertFalse(r.err().contains("does-not-exist.yaml"), r.err());
    }

    @Test
    void unparsableAddressIsAUsageErrorSayingWhy() {
        Cli.Run r = Cli.run("net", "create", "x", "--subnet", "172.16.16", "--dry-run");
        assertEquals(2, r.exit());
        // picocli names a repeatable option with its parameter label: '--subnet' (CIDR)
        assertTrue(r.err().startsWith("ovl: Invalid value for option '--subnet' (CIDR): '172.16.16' has no prefix length"), r.err());
        Cli.Run g = Cli.run("net", "create", "x", "--subnet", "10.0.0.0/24", "--gateway", "10.0.0.256", "--dry-run");
        assertEquals(2, g.exit());
        assertTrue(g.err().contains("octet 256 is above 255"), g.err());
    }

    @Test
    void driverOptionsAsDockerWritesThem() {
        Cli.Run r = Cli.run("net", "create", "x", "--subnet", "10.0.0.0/24", "--opt", "encrypted",
                "-o", "com.docker.network.driver.mtu=1450", "--label", "team=web ops", "--dry-run");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("  encrypted      yes\n"), r.out());
        assertTrue(r.out().contains("  mtu            1450\n"), r.out());
        assertTrue(r.out().contains("--opt encrypted --opt com.docker.network.driver.mtu=1450 --label 'team=web ops' x\n"), r.out());
        Cli.Run bad = Cli.run("net", "create", "x", "--opt", "encrypted=yes", "--dry-run");
        assertEquals(2, bad.exit());
        assertEquals("ovl: --opt encrypted=yes: encrypted takes no value, true or false\n", bad.err());
        Cli.Run off = Cli.run("net", "create", "x", "--opt", "encrypted=false", "--dry-run");
        assertEquals(0, off.exit(), off.err());
        assertTrue(off.out().contains("  encrypted      no\n"), off.out());
        Cli.Run clash = Cli.run("net", "create", "x", "--mtu", "1400", "-o", "com.docker.network.driver.mtu=1450", "--dry-run");
        assertEquals(2, clash.exit());
        assertTrue(clash.err().contains("disagree"), clash.err());
    }

    @Test
    void everyOtherDriverOptionIsPassedToDockerAsGivenABareKeyAsEmpty() throws Exception {
        Cli.Run r = Cli.run("net", "create", "x", "--subnet", "10.0.0.0/24", "-o", "encrypted",
                "-o", "com.docker.network.driver.overlay.vxlanid_list=4097", "--opt", "com.example.bare", "--dry-run");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("  options        com.docker.network.driver.overlay.vxlanid_list=4097, com.example.bare=\n"),
                r.out());
        assertTrue(r.out().contains("--opt encrypted --opt com.docker.network.driver.overlay.vxlanid_list=4097"
                + " --opt com.example.bare= x\n"), r.out());
        Cli.Run none = Cli.run("net", "create", "x", "--dry-run");
        assertTrue(none.out().contains("  options        none\n"), none.out());

        Cli.Run json = Cli.run("net", "create", "x", "-o", "a.b=1=2", "-o", "encrypted", "--dry-run", "--output", "json");
        assertEquals(0, json.exit(), json.err());
        JsonNode n = new ObjectMapper().readTree(json.out()).get("network");
        assertEquals("{\"a.b\":\"1=2\"}", n.get("options").toString());
        assertTrue(n.get("encrypted").asBoolean());
    }

    @Test
    void aDriverOptionWithoutANameIsRefusedNamingTheFlag() throws Exception {
        Cli.Run r = Cli.run("net", "create", "x", "-o", "=4097", "--dry-run");
        assertEquals(2, r.exit());
        assertTrue(r.err().startsWith("ovl: error: --opt: driver option '=4097' has no name"), r.err());
        Cli.Run spaced = Cli.run("net", "create", "x", "-o", "a b=1", "--dry-run", "--output", "json");
        assertEquals(2, spaced.exit());
        JsonNode p = new ObjectMapper().readTree(spaced.out()).at("/problems/0");
        assertEquals("options.a b", p.get("path").asText());
        assertEquals("--opt a b", p.get("option").asText());
    }

    @Test
    void jsonHasTheDocumentedShape() throws Exception {
        Cli.Run r = Cli.run("net", "create", "myoverlay", "--subnet", "172.16.16.0/24", "--gateway", "172.16.17.1",
                "--aux-address", "ip2=172.16.16.2", "--dry-run", "--output", "json");
        assertEquals(2, r.exit());
        assertEquals("", r.err());
        JsonNode root = new ObjectMapper().readTree(r.out());
        assertFalse(root.get("valid").asBoolean());
        assertTrue(root.get("dry-run").asBoolean());
        assertEquals("172.16.16.0/24", root.at("/network/subnet").asText());
        assertTrue(root.at("/network/ip-range").isNull());
        assertEquals("172.16.16.2", root.at("/network/aux-addresses/ip2").asText());
        assertEquals("overlay", root.at("/network/driver").asText());
        assertEquals("docker", root.at("/docker-args/0").asText());
        JsonNode p = root.at("/problems/0");
        assertEquals("error", p.get("severity").asText());
        assertEquals("gateway", p.get("path").asText());
        assertEquals("--gateway", p.get("option").asText());
        assertTrue(p.get("message").asText().contains("not inside subnet"));
    }

    @Test
    void helpTeachesWithExamples() {
        Cli.Run r = Cli.run("net", "create", "--help");
        assertEquals(0, r.exit());
        for (String s : new String[] {"--subnet", "--ip-range", "--gateway", "--aux-address", "--internal", "attachable", "--wait", "-f, --file",
                "--opt", "--mtu", "--label", "--dry-run", "--output", "--verbose", "Examples:"}) {
            assertTrue(r.out().contains(s), s + " in " + r.out());
        }
    }

    @Test
    void dockersDriverFlagTakesOverlayAndRefusesALocalDriverSayingWhere() {
        Cli.Run ok = Cli.run("net", "create", "x", "-d", "overlay", "--subnet", "172.16.16.0/24", "--dry-run");
        assertEquals(0, ok.exit(), ok.err());

        Cli.Run bridge = Cli.run("net", "create", "x", "--driver", "bridge", "--subnet", "172.16.16.0/24", "--dry-run");
        assertEquals(2, bridge.exit(), bridge.err());
        assertTrue(bridge.err().contains("--driver bridge: ovl creates overlay networks"), bridge.err());
    }

    @Test
    void ipv6NeedsAnIpv6SubnetAndAnIpv6SubnetEnablesIt() {
        Cli.Run v4 = Cli.run("net", "create", "x", "--ipv6", "--subnet", "172.16.16.0/24", "--dry-run");
        assertEquals(2, v4.exit(), v4.err());
        assertTrue(v4.err().contains("--ipv6 needs an IPv6 --subnet"), v4.err());

        Cli.Run v6 = Cli.run("net", "create", "x", "--ipv6", "--subnet", "fd00:16::/64", "--dry-run");
        assertEquals(0, v6.exit(), v6.out() + v6.err());
        assertTrue(v6.out().contains("--ipv6"), v6.out());

        Cli.Run dual = Cli.run("net", "create", "x", "--ipv6", "--subnet", "172.16.16.0/24", "--subnet", "fd00:16::/64", "--dry-run");
        assertEquals(0, dual.exit(), dual.out() + dual.err());
    }

    @Test
    void dualStackAsDockerSpellsItEachRangeAndGatewayWithTheSubnetThatContainsIt() {
        Cli.Run r = Cli.run("net", "create", "dual", "--subnet", "172.16.20.0/24", "--subnet", "fd00:20::/64",
                "--ip-range", "fd00:20::100/120", "--ip-range", "172.16.20.128/25", "--gateway", "fd00:20::1",
                "--gateway", "172.16.20.1", "--dry-run");
        assertEquals(0, r.exit(), r.err());
        assertEquals("", r.err());
        assertTrue(r.out().contains("  subnet         172.16.20.0/24\n  ip-range       172.16.20.128/25\n"
                + "  gateway        172.16.20.1\n  subnet         fd00:20::/64\n  ip-range       fd00:20::100/120\n"
                + "  gateway        fd00:20::1\n"), r.out());
        assertTrue(r.out().contains("  ipv6           enabled\n"), r.out());
        assertTrue(r.out().endsWith("as: docker network create --driver overlay --ipv6 --subnet 172.16.20.0/24 --ip-range"
                + " 172.16.20.128/25 --gateway 172.16.20.1 --subnet fd00:20::/64 --ip-range fd00:20::100/120 --gateway fd00:20::1"
                + " dual\n"), r.out());
    }

    @Test
    void dualStackProblemsNameTheFlag() {
        Cli.Run two4 = Cli.run("net", "create", "x", "--subnet", "10.1.0.0/24", "--subnet", "10.2.0.0/24", "--dry-run");
        assertEquals(2, two4.exit());
        assertEquals("ovl: error: --subnet: a second IPv4 subnet 10.2.0.0/24 (the first is 10.1.0.0/24): ovl supports one"
                + " subnet per address family, one IPv4 and one IPv6; keep one IPv4 subnet, a larger one if you need more"
                + " addresses\n", two4.err());

        Cli.Run two6 = Cli.run("net", "create", "x", "--ipv6", "--subnet", "fd00:1::/64", "--subnet", "fd00:2::/64", "--dry-run");
        assertEquals(2, two6.exit());
        assertTrue(two6.err().contains("--subnet: a second IPv6 subnet fd00:2::/64"), two6.err());

        Cli.Run range = Cli.run("net", "create", "x", "--subnet", "10.1.0.0/24", "--subnet", "10.2.0.0/24",
                "--ip-range", "fd00::/120", "--dry-run");
        assertTrue(range.err().contains("ovl: error: --ip-range: ip-range fd00::/120 is IPv6 but no subnet is (subnets:"
                + " 10.1.0.0/24, 10.2.0.0/24); add the IPv6 subnet it belongs to, or remove it"), range.err());

        Cli.Run gateway = Cli.run("net", "create", "x", "--subnet", "10.1.0.0/24", "--subnet", "fd00:1::/64",
                "--gateway", "10.9.0.1", "--dry-run");
        assertEquals(2, gateway.exit());
        assertTrue(gateway.err().contains("ovl: error: --gateway: gateway 10.9.0.1 is not inside subnet 10.1.0.0/24"), gateway.err());

        Cli.Run twoGateways = Cli.run("net", "create", "x", "--subnet", "10.1.0.0/24", "--gateway", "10.1.0.1",
                "--gateway", "10.1.0.2", "--dry-run");
        assertTrue(twoGateways.err().contains("ovl: error: --gateway: a second gateway 10.1.0.2 for subnet 10.1.0.0/24"),
                twoGateways.err());
    }

    @Test
    void dualStackJsonHasEveryPoolAndTheOldKeysCommaSeparated() throws Exception {
        Cli.Run r = Cli.run("net", "create", "dual", "--subnet", "172.16.20.0/24", "--subnet", "fd00:20::/64",
                "--gateway", "fd00:20::1", "--aux-address", "r4=172.16.20.2", "--dry-run", "--output", "json");
        assertEquals(0, r.exit(), r.out());
        JsonNode n = new ObjectMapper().readTree(r.out()).get("network");
        assertEquals("172.16.20.0/24,fd00:20::/64", n.get("subnet").asText());
        assertTrue(n.get("ip-range").isNull());
        assertEquals("fd00:20::1", n.get("gateway").asText());
        assertTrue(n.get("ipv6").asBoolean());
        assertEquals(2, n.get("ipam").size());
        assertEquals("172.16.20.0/24", n.at("/ipam/0/subnet").asText());
        assertEquals("172.16.20.2", n.at("/ipam/0/aux-addresses/r4").asText());
        assertTrue(n.at("/ipam/0/gateway").isNull());
        assertEquals("fd00:20::/64", n.at("/ipam/1/subnet").asText());
        assertEquals("fd00:20::1", n.at("/ipam/1/gateway").asText());
    }

    /** The example swarm topology's hosts do not exist: the refusal must come before any host is contacted. */
    @Test
    void anIpv6SubnetIsRefusedInSwarmModeBeforeAnyHostIsContactedNamingWhy() {
        String swarm = java.nio.file.Path.of(Cli.example("swarm.yaml")).toAbsolutePath().toString();
        Cli.Run r = Cli.run("net", "create", "dual", "--subnet", "172.16.20.0/24", "--subnet", "fd00:20::/64", "-f", swarm);
        assertEquals(2, r.exit(), r.out() + r.err());
        assertTrue(r.err().contains("swarm mode: network dual with IPv6 subnet fd00:20::/64 would carry nothing")
                && r.err().contains("moby/moby#48116"), r.err());
        assertFalse(r.err().contains("cannot reach") || r.err().contains("connect"), r.err());
    }
}
