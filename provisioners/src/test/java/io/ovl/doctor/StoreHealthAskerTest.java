package io.ovl.doctor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ovl.hosts.ParallelHosts;
import io.ovl.kv.StoreAnswer;
import io.ovl.ssh.FakeRemoteShell;
import io.ovl.ssh.RemoteShell;
import io.ovl.topology.KvBackend;
import io.ovl.topology.KvStore;
import io.ovl.topology.Mode;
import io.ovl.topology.SshSettings;
import io.ovl.topology.Topology;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Which store endpoints doctor asks from which host, and how it reads the answers. Hosts are
 * FAKES ({@link FakeHost}, {@link FakeRemoteShell}) answering with output captured on the lab:
 * dockerd's info after ovl init, and etcd's real /health answer.
 */
class StoreHealthAskerTest {
    private static final ExternalStore STORE = new ExternalStore("198.19.144.11", 2379);

    private static GatheredHost joinedH2() {
        return GatheredHost.reached(Labs.H2, FakeHost.of("h2-2010")
                .answer(FactCommands.DOCKER_INFO, FakeHost.resource("/io/ovl/kvmode/docker-info-init-h2-joined.json"))
                .facts());
    }

    @Test
    void afterSetupTheEndpointsAreThoseDockerdRunsWith() {
        StoreHealthAsker.StoreTarget t = StoreHealthAsker.target(Labs.kv(), joinedH2()).orElseThrow();
        assertEquals(KvBackend.ETCD, t.backend());
        assertEquals(List.of(STORE), t.endpoints());
    }

    @Test
    void beforeSetupAStoreOvlRunsIsNotAskedForAndNeitherIsANonOverlayHost() {
        Map<String, HostFacts> healthy = Labs.healthy();
        assertEquals(Optional.empty(), StoreHealthAsker.target(Labs.kv(), GatheredHost.reached(Labs.H2, healthy.get("h2"))));
        assertEquals(Optional.empty(), StoreHealthAsker.target(Labs.kv(), GatheredHost.reached(Labs.H1, healthy.get("h1"))));
    }

    @Test
    void anExternalStoreIsAskedForAtItsUrlsEndpoints() {
        Topology external = new Topology(1, Mode.KV, SshSettings.DEFAULTS, Optional.of(KvStore.external(KvBackend.ETCD,
                URI.create("etcd://10.9.0.1:2379,10.9.0.2/network"))), Optional.empty(), List.of(Labs.H2), List.of());
        StoreHealthAsker.StoreTarget t = StoreHealthAsker.target(external,
                GatheredHost.reached(Labs.H2, Labs.healthy().get("h2"))).orElseThrow();
        assertEquals(List.of(new ExternalStore("10.9.0.1", 2379), new ExternalStore("10.9.0.2", 2379)), t.endpoints());
    }

    @Test
    void etcdsRealHealthAnswerIsHealthyAndAFailedConnectionSaysWhy() {
        FakeRemoteShell up = new FakeRemoteShell("h2").on(StoreHealthAsker.command(KvBackend.ETCD, STORE),
                FakeHost.resource("/io/ovl/kvmode/etcd-health-200.http"));
        StoreAnswer ok = StoreHealthAsker.askOne(up, KvBackend.ETCD, STORE);
        assertTrue(ok.healthy(), ok.detail());
        assertEquals("198.19.144.11:2379", ok.endpoint());

        FakeRemoteShell down = new FakeRemoteShell("h2").on(StoreHealthAsker.command(KvBackend.ETCD, STORE), 3, "",
                "cannot connect: Connection refused\n");
        StoreAnswer refused = StoreHealthAsker.askOne(down, KvBackend.ETCD, STORE);
        assertFalse(refused.healthy());
        assertEquals("cannot connect: Connection refused", refused.detail());
    }

    @Test
    void onlyOverlayHostsWhoseDockerdUsesAStoreAreAsked() {
        GatheredHost h1 = GatheredHost.reached(Labs.H1, Labs.healthy().get("h1"));
        GatheredHost h3 = GatheredHost.reached(Labs.H3, Labs.healthy().get("h3"));
        RemoteShell h2Shell = new FakeRemoteShell("h2").on(StoreHealthAsker.command(KvBackend.ETCD, STORE),
                FakeHost.resource("/io/ovl/kvmode/etcd-health-200.http"));
        RemoteShell unused = new FakeRemoteShell("unused");
        Map<String, List<StoreAnswer>> asked = StoreHealthAsker.ask(Labs.kv(), List.of(h1, joinedH2(), h3),
                Map.of("h1", unused, "h2", h2Shell, "h3", unused), new ParallelHosts(2));
        assertEquals(List.of("h2"), List.copyOf(asked.keySet()));
        assertTrue(asked.get("h2").get(0).healthy());
    }
}
