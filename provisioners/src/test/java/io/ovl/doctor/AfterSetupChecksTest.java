package io.ovl.doctor;

import static io.ovl.doctor.Labs.H2;
import static io.ovl.doctor.Labs.H3;
import static io.ovl.doctor.Labs.context;
import static io.ovl.doctor.Labs.verdict;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ovl.core.Finding;
import io.ovl.core.Severity;
import io.ovl.doctor.checks.DockerdClusterStore;
import io.ovl.doctor.checks.OverlayNetworksVisible;
import io.ovl.topology.KvBackend;
import io.ovl.topology.KvStore;
import io.ovl.topology.Mode;
import io.ovl.topology.SshSettings;
import io.ovl.topology.Topology;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Checks that only mean something after setup, on facts from captured real outputs (FakeHost). */
class AfterSetupChecksTest {
    static final String LABNET = "{\"Name\":\"labnet\",\"Driver\":\"overlay\",\"Scope\":\"global\","
            + "\"IPAM\":{\"Config\":[{\"Subnet\":\"172.16.16.0/24\"}]}}";

    /** h2's captured docker info with the cluster settings dockerd 20.10 reports once configured. */
    static HostFacts h2With(String store, String advertise) {
        return FakeHost.of("h2-2010").edit(FactCommands.DOCKER_INFO, "h2-2010", "docker-info.json", "\"ID\":",
                "\"ClusterStore\":\"" + store + "\",\"ClusterAdvertise\":\"" + advertise + "\",\"ID\":").facts();
    }

    @Test
    void beforeSetupBothAreSkipped() {
        DoctorContext c = context(Labs.kv(), Labs.healthy());
        assertEquals(Severity.SKIP, verdict(new DockerdClusterStore(), c, "h2").severity());
        assertEquals(Severity.SKIP, verdict(new OverlayNetworksVisible(), c, "h2").severity());
    }

    @Test
    void theTopologysStoreAndAdvertiseAddressPass() {
        Map<String, HostFacts> facts = new LinkedHashMap<>(Labs.healthy());
        facts.put("h2", h2With("etcd://198.18.144.11:2379/network", "198.18.144.12:2376"));
        Finding v = verdict(new DockerdClusterStore(), context(Labs.kv(), facts), "h2");
        assertEquals(Severity.PASS, v.severity(), v.message());
    }

    @Test
    void aStaleStoreOrAWrongAdvertiseAddressFails() {
        Map<String, HostFacts> facts = new LinkedHashMap<>(Labs.healthy());
        facts.put("h2", h2With("consul://198.18.144.99:8500", "198.18.144.12:2376"));
        Finding store = verdict(new DockerdClusterStore(), context(Labs.kv(), facts), "h2");
        assertEquals(Severity.ERROR, store.severity());
        assertTrue(store.message().contains("not the topology's etcd://198.18.144.11:2379"), store.message());
        // h3 has no store while h2 has one: h3 was left out of the setup.
        Finding h3 = verdict(new DockerdClusterStore(), context(Labs.kv(), facts), "h3");
        assertEquals(Severity.ERROR, h3.severity());
        assertTrue(h3.message().contains("while h2 use one"), h3.message());

        facts.put("h2", h2With("etcd://198.18.144.11:2379/network", "10.0.0.5:2376"));
        Finding adv = verdict(new DockerdClusterStore(), context(Labs.kv(), facts), "h2");
        assertEquals(Severity.ERROR, adv.severity());
        assertTrue(adv.message().contains("advertises 10.0.0.5:2376"), adv.message());
    }

    @Test
    void aStoreOfThreeIsMatchedEndpointByEndpoint() {
        // As dockerd 20.10 reported it on lab zk (3 ZooKeeper servers): the authority lists every
        // member, which java.net.URI parses with no host and port; doctor used to fail this store.
        Topology zk3 = new Topology(1, Mode.KV, SshSettings.DEFAULTS,
                Optional.of(KvStore.onHosts(KvBackend.ZOOKEEPER, List.of("h1", "h2", "h3"))), Optional.empty(),
                List.of(Labs.H1, H2, H3), List.of());
        Map<String, HostFacts> facts = new LinkedHashMap<>(Labs.healthy());
        facts.put("h2", h2With("zk://198.18.144.11:2181,198.18.144.12:2181,198.18.144.13:2181/network",
                "198.18.144.12:2376"));
        var v = verdict(new DockerdClusterStore(), context(zk3, facts), "h2");
        assertEquals(Severity.PASS, v.severity(), v.message());

        // one endpoint that is no store host, or on another port, or another scheme: not the topology's store
        for (String stale : List.of("zk://198.18.144.11:2181,198.18.144.99:2181,198.18.144.13:2181/network",
                "zk://198.18.144.11:2181,198.18.144.12:2182,198.18.144.13:2181/network",
                "etcd://198.18.144.11:2181,198.18.144.12:2181,198.18.144.13:2181/network",
                "zk://198.18.144.11:2181,,198.18.144.13:2181/network")) {
            facts.put("h2", h2With(stale, "198.18.144.12:2376"));
            var bad = verdict(new DockerdClusterStore(), context(zk3, facts), "h2");
            assertEquals(Severity.ERROR, bad.severity(), stale);
            assertTrue(bad.message().contains("not the topology's zk://198.18.144.11:2181,198.18.144.12:2181,"
                    + "198.18.144.13:2181"), bad.message());
        }
    }

    @Test
    void aHostThatMissesAnOverlayOthersSeeFails() {
        Map<String, HostFacts> facts = new LinkedHashMap<>(Labs.healthy());
        String bridge = FakeHost.resource("h2-2010/docker-network-inspect.json").strip();
        String withLabnet = bridge.substring(0, bridge.length() - 1).strip() + "," + LABNET + "]";
        facts.put("h2", FakeHost.of("h2-2010").answer(FactCommands.DOCKER_NETWORKS, withLabnet).facts());
        DoctorContext c = context(Labs.kv(), facts);
        assertEquals(Severity.PASS, verdict(new OverlayNetworksVisible(), c, "h2").severity());
        Finding h3 = verdict(new OverlayNetworksVisible(), c, "h3");
        assertEquals(Severity.ERROR, h3.severity());
        assertEquals("does not see labnet, which other hosts see", h3.message());
        // In swarm mode workers are not expected to list networks without tasks.
        assertEquals(Severity.SKIP, verdict(new OverlayNetworksVisible(),
                context(Labs.swarm(List.of(H2, H3)), facts), "h3").severity());
    }
}
