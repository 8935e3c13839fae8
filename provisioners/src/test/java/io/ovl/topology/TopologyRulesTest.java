package io.ovl.topology;

import static io.ovl.topology.Topologies.external;
import static io.ovl.topology.Topologies.host;
import static io.ovl.topology.Topologies.kv;
import static io.ovl.topology.Topologies.kvOn;
import static io.ovl.topology.Topologies.role;
import static io.ovl.topology.Topologies.swarm;
import static io.ovl.topology.Topologies.withNetworks;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ovl.addressing.Prefix;
import io.ovl.core.Finding;
import io.ovl.core.Severity;
import io.ovl.topology.rules.HostAddressesUnique;
import io.ovl.topology.rules.HostNamesValid;
import io.ovl.topology.rules.Ipv6Networks;
import io.ovl.topology.rules.KvStoreHostsDeclared;
import io.ovl.topology.rules.KvStoreSize;
import io.ovl.topology.rules.KvStoreUrl;
import io.ovl.topology.rules.ModeSpecificKeys;
import io.ovl.topology.rules.NetworkNamesUnique;
import io.ovl.topology.rules.NetworksDoNotOverlap;
import io.ovl.topology.rules.NetworksValid;
import io.ovl.topology.rules.SubnetsOutsideSwarmPool;
import io.ovl.topology.rules.SwarmManagers;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Every semantic rule with a topology that passes and one that fails. */
class TopologyRulesTest {
    static Finding only(List<Finding> findings) {
        assertEquals(1, findings.size(), findings.toString());
        return findings.get(0);
    }

    @Nested
    class HostNames {
        @Test
        void uniqueLabelsPass() {
            assertEquals(List.of(), new HostNamesValid().check(swarm(List.of(host("node-1", "a"), host("node2", "b")))));
        }

        @Test
        void duplicateFailsOnTheSecondCaseInsensitively() {
            Finding f = only(new HostNamesValid().check(swarm(List.of(host("node1", "a"), host("Node1", "b")))));
            assertEquals("hosts[1].name", f.subject());
            assertTrue(f.message().contains("already used by hosts[0]"), f.message());
        }

        @Test
        void invalidLabelFails() {
            assertEquals("hosts[0].name", only(new HostNamesValid().check(swarm(List.of(host("node_1", "a"))))).subject());
            only(new HostNamesValid().check(swarm(List.of(host("-node", "a")))));
            only(new HostNamesValid().check(swarm(List.of(host("a".repeat(64), "a")))));
        }

        @Test
        void missingNameAndNoHostsFail() {
            assertTrue(only(new HostNamesValid().check(swarm(List.of(host("", "a"))))).message().contains("missing host name"));
            assertEquals("hosts", only(new HostNamesValid().check(swarm(List.of()))).subject());
        }
    }

    @Nested
    class HostAddresses {
        @Test
        void distinctPass() {
            assertEquals(List.of(), new HostAddressesUnique().check(swarm(List.of(host("a", "198.18.0.1"), host("b", "198.18.0.2")))));
        }

        @Test
        void duplicateFails() {
            Finding f = only(new HostAddressesUnique().check(swarm(List.of(host("a", "Node.example"), host("b", "node.example")))));
            assertEquals("hosts[1].address", f.subject());
            assertTrue(f.message().contains("already used by hosts[0] (a)"), f.message());
        }

        @Test
        void missingFails() {
            assertEquals("hosts[0].address", only(new HostAddressesUnique().check(swarm(List.of(host("a", ""))))).subject());
        }
    }

    @Nested
    class ModeKeys {
        @Test
        void kvWithStorePasses() {
            assertEquals(List.of(), new ModeSpecificKeys().check(kvOn("kv1")));
        }

        @Test
        void kvWithoutStoreFails() {
            Topology t = new Topology(1, Mode.KV, SshSettings.DEFAULTS, Optional.empty(), Optional.empty(), List.of(host("a", "b")), List.of());
            Finding f = only(new ModeSpecificKeys().check(t));
            assertEquals(Severity.ERROR, f.severity());
            assertEquals("kv-store", f.subject());
        }

        @Test
        void swarmKeysInKvModeAreWarnings() {
            Topology t = new Topology(1, Mode.KV, SshSettings.DEFAULTS, Optional.of(KvStore.onHosts(KvBackend.ETCD, List.of("a"))),
                    Optional.of(SwarmSettings.DEFAULTS), List.of(role("a", SwarmRole.MANAGER)), List.of());
            List<Finding> f = new ModeSpecificKeys().check(t);
            assertEquals(List.of("swarm", "hosts[0].role"), f.stream().map(Finding::subject).toList());
            assertTrue(f.stream().allMatch(x -> x.severity() == Severity.WARNING));
        }

        @Test
        void kvStoreInSwarmModeIsAWarning() {
            Topology t = new Topology(1, Mode.SWARM, SshSettings.DEFAULTS, Optional.of(KvStore.onHosts(KvBackend.ETCD, List.of("a"))),
                    Optional.empty(), List.of(host("a", "b")), List.of());
            assertEquals(Severity.WARNING, only(new ModeSpecificKeys().check(t)).severity());
        }

        @Test
        void swarmModeWithRolesPasses() {
            assertEquals(List.of(), new ModeSpecificKeys().check(swarm(List.of(role("a", SwarmRole.MANAGER)))));
        }
    }

    @Nested
    class KvSize {
        @Test
        void oneThreeFivePass() {
            assertEquals(List.of(), new KvStoreSize().check(kvOn("kv1")));
            assertEquals(List.of(), new KvStoreSize().check(kvOn("kv1", "kv2", "kv3")));
            assertEquals(List.of(), new KvStoreSize().check(kvOn("kv1", "kv2", "kv3", "kv4", "kv5")));
            assertEquals(List.of(), new KvStoreSize().check(external(KvBackend.ETCD, "etcd://198.18.0.5:2379")));
        }

        @Test
        void evenOrSixFail() {
            assertEquals("kv-store.hosts", only(new KvStoreSize().check(kvOn("kv1", "kv2"))).subject());
            only(new KvStoreSize().check(kvOn("kv1", "kv2", "kv3", "kv4", "kv5", "kv6")));
        }

        @Test
        void neitherOrBothFail() {
            assertTrue(only(new KvStoreSize().check(kvOn())).message().contains("needs hosts or url"));
            KvStore both = new KvStore(KvBackend.ETCD, List.of("a"), "img", 2379, Optional.of(java.net.URI.create("etcd://x:1")));
            assertTrue(only(new KvStoreSize().check(kv(both, List.of(host("a", "b"))))).message().contains("both hosts and url"));
        }
    }

    @Nested
    class KvHostsDeclared {
        @Test
        void declaredPass() {
            assertEquals(List.of(), new KvStoreHostsDeclared().check(kvOn("kv1", "kv3", "kv5")));
        }

        @Test
        void undeclaredFailsListingTheDeclared() {
            Finding f = only(new KvStoreHostsDeclared().check(kvOn("kv1", "consul1", "kv3")));
            assertEquals("kv-store.hosts[1]", f.subject());
            assertEquals(Optional.of("declared hosts: kv1, kv2, kv3, kv4, kv5, kv6"), f.fix());
        }

        @Test
        void listedTwiceFails() {
            assertEquals("kv-store.hosts[2]", only(new KvStoreHostsDeclared().check(kvOn("kv1", "kv2", "kv1"))).subject());
        }
    }

    @Nested
    class KvUrl {
        @Test
        void matchingSchemePasses() {
            assertEquals(List.of(), new KvStoreUrl().check(external(KvBackend.ZOOKEEPER, "zk://198.18.0.5:2181")));
            assertEquals(List.of(), new KvStoreUrl().check(external(KvBackend.CONSUL, "consul://kv.example:8500")));
        }

        @Test
        void otherSchemeFails() {
            Finding f = only(new KvStoreUrl().check(external(KvBackend.CONSUL, "etcd://198.18.0.5:2379")));
            assertEquals("kv-store.url", f.subject());
            assertTrue(f.message().contains("does not start with consul://"), f.message());
        }

        @Test
        void noHostFails() {
            only(new KvStoreUrl().check(external(KvBackend.ETCD, "etcd:/nohost")));
        }
    }

    @Nested
    class Managers {
        @Test
        void firstHostDefaultsToManagerAndOnePasses() {
            Topology t = swarm(List.of(host("a", "1"), host("b", "2"), host("c", "3")));
            assertEquals(Optional.of(SwarmRole.MANAGER), t.swarmRole(t.hosts().get(0)));
            assertEquals(Optional.of(SwarmRole.WORKER), t.swarmRole(t.hosts().get(1)));
            assertEquals(List.of(), new SwarmManagers().check(t));
        }

        @Test
        void allWorkersFails() {
            Finding f = only(new SwarmManagers().check(swarm(List.of(role("a", SwarmRole.WORKER), role("b", SwarmRole.WORKER)))));
            assertEquals(Severity.ERROR, f.severity());
        }

        @Test
        void evenManagersWarns() {
            Finding f = only(new SwarmManagers().check(swarm(List.of(role("a", SwarmRole.MANAGER), role("b", SwarmRole.MANAGER)))));
            assertEquals(Severity.WARNING, f.severity());
            assertTrue(f.message().contains("2 managers"), f.message());
        }

        @Test
        void threeManagersPass() {
            assertEquals(List.of(), new SwarmManagers().check(swarm(List.of(
                    role("a", SwarmRole.MANAGER), role("b", SwarmRole.MANAGER), role("c", SwarmRole.MANAGER), role("d", SwarmRole.WORKER)))));
        }

        @Test
        void aHostOutsideTheOverlayIsNotTheDefaultManager() {
            Host store = new Host("kv", "1", false, Optional.empty(), Optional.empty(), SshSettings.DEFAULTS);
            Topology t = swarm(List.of(store, host("b", "2")));
            assertEquals(Optional.empty(), t.swarmRole(store));
            assertEquals(Optional.of(SwarmRole.MANAGER), t.swarmRole(t.hosts().get(1)));
        }
    }

    @Nested
    class Networks {
        NetworkSpec net(String name, String subnet) {
            return NetworkSpec.of(name, Prefix.parse(subnet));
        }

        @Test
        void validNetworksPass() {
            Topology t = withNetworks(List.of(net("a", "10.0.0.0/24"), net("b.c_d-e", "10.0.1.0/24"), net("v6", "fd00::/64")));
            assertEquals(List.of(), new NetworksValid().check(t));
            assertEquals(List.of(), new NetworkNamesUnique().check(t));
            assertEquals(List.of(), new NetworksDoNotOverlap().check(t));
        }

        @Test
        void invalidAndPredefinedNamesFail() {
            assertEquals("networks[0].name", only(new NetworksValid().check(withNetworks(List.of(net("-x", "10.0.0.0/24"))))).subject());
            assertTrue(only(new NetworksValid().check(withNetworks(List.of(net("bridge", "10.0.0.0/24"))))).message().contains("predefines"));
        }

        @Test
        void duplicateNamesFail() {
            Finding f = only(new NetworkNamesUnique().check(withNetworks(List.of(net("a", "10.0.0.0/24"), net("a", "10.0.1.0/24")))));
            assertEquals("networks[1].name", f.subject());
        }

        @Test
        void overlapFailsNamingTheOtherNetwork() {
            Finding f = only(new NetworksDoNotOverlap().check(withNetworks(List.of(net("a", "10.0.0.0/16"), net("b", "10.0.5.0/24")))));
            assertEquals("networks[1].subnet", f.subject());
            assertTrue(f.message().contains("overlaps subnet 10.0.0.0/16 of network 'a' (networks[0])"), f.message());
        }

        @Test
        void swarmSubnetsOutsideTheAddressPoolPass() {
            assertEquals(List.of(), new SubnetsOutsideSwarmPool().check(withNetworks(List.of(net("a", "172.16.16.0/24")))));
            Topology ownPool = new Topology(1, Mode.SWARM, SshSettings.DEFAULTS, Optional.empty(),
                    Optional.of(new SwarmSettings(4789, List.of(Prefix.parse("10.20.0.0/16")))), List.of(host("a", "b")),
                    List.of(net("a", "10.0.0.0/24")));
            assertEquals(List.of(), new SubnetsOutsideSwarmPool().check(ownPool));
            assertEquals(List.of(), new SubnetsOutsideSwarmPool().check(kv(KvStore.onHosts(KvBackend.ETCD, List.of("a")),
                    List.of(host("a", "b")))), "kv mode has no swarm pool");
        }

        @Test
        void aSwarmSubnetInsideDockersDefaultPoolWarns() {
            Finding f = only(new SubnetsOutsideSwarmPool().check(withNetworks(List.of(net("a", "172.16.0.0/24"), net("b", "10.0.0.0/24")))));
            assertEquals(Severity.WARNING, f.severity());
            assertEquals("networks[1].subnet", f.subject());
            assertTrue(f.message().contains("overlaps swarm's address pool 10.0.0.0/8"), f.message());
        }

        @Test
        void anIpv6NetworkIsRefusedInSwarmModeAndAWarningInKvModeNamingTheUpstreamIssues() {
            NetworkSpec dual = new NetworkSpec("dual", List.of(
                    new io.ovl.addressing.IpamPool(Prefix.parse("172.16.20.0/24"), Optional.empty(), Optional.empty(), java.util.Map.of()),
                    new io.ovl.addressing.IpamPool(Prefix.parse("fd00:20::/64"), Optional.empty(), Optional.empty(), java.util.Map.of())),
                    false, false, false, OptionalInt.empty(), java.util.Map.of());
            Finding swarm = only(new Ipv6Networks().check(withNetworks(List.of(net("v4", "172.16.21.0/24"), dual))));
            assertEquals(Severity.ERROR, swarm.severity());
            assertEquals("networks[1].subnet[1]", swarm.subject());
            assertTrue(swarm.message().contains("moby/moby#48116") && swarm.message().contains("docker/for-linux#973"),
                    swarm.message());

            Topology kvTopology = new Topology(1, Mode.KV, SshSettings.DEFAULTS,
                    Optional.of(KvStore.onHosts(KvBackend.ETCD, List.of("a"))), Optional.empty(),
                    List.of(host("a", "198.18.0.1")), List.of(dual));
            Finding kv = only(new Ipv6Networks().check(kvTopology));
            assertEquals(Severity.WARNING, kv.severity());
            assertTrue(kv.message().contains("moby/moby#47125"), kv.message());
            assertEquals(Optional.of(Severity.ERROR), Ipv6Networks.of(Mode.SWARM, dual, "--subnet").map(Finding::severity));
            assertEquals(Optional.empty(), Ipv6Networks.of(Mode.SWARM, net("v4", "172.16.21.0/24"), "--subnet"));
        }

        @Test
        void addressingFindingsArePrefixedWithTheNetwork() {
            NetworkSpec n = new NetworkSpec("n", List.of(new io.ovl.addressing.IpamPool(Prefix.parse("10.0.0.0/24"), Optional.empty(),
                    Optional.of(io.ovl.addressing.IpAddress.parse("10.0.1.1")), java.util.Map.of())), false, false, false, OptionalInt.of(40), java.util.Map.of());
            List<String> paths = new NetworksValid().check(withNetworks(List.of(net("ok", "10.9.0.0/24"), n))).stream().map(Finding::subject).toList();
            assertEquals(List.of("networks[1].gateway", "networks[1].mtu"), paths);
        }
    }
}
