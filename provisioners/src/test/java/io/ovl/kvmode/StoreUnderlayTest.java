package io.ovl.kvmode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ovl.core.ExitCode;
import io.ovl.core.OvlException;
import io.ovl.facts.Fact;
import io.ovl.facts.HostInterface;
import io.ovl.facts.IpJson;
import io.ovl.facts.Route;
import io.ovl.render.ContainerSpec;
import io.ovl.render.KvStoreSpecs;
import io.ovl.topology.Host;
import io.ovl.topology.KvBackend;
import io.ovl.topology.KvStore;
import io.ovl.topology.Mode;
import io.ovl.topology.SshSettings;
import io.ovl.topology.Topology;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The store's listen address on a host with a management (eth0) and an underlay (eth1) interface. */
class StoreUnderlayTest {
    private static final Fact<List<HostInterface>> TWO = Fact.known(IpJson.parseAddr(
            Captured.own("ip-j-d-addr-two-interfaces-handmade.json")));
    private static final Fact<List<Route>> NO_ROUTES = Fact.unknown("not read");

    private static Host storeHost(String advertise) {
        return new Host("h1", "192.0.2.11", false, Optional.of(advertise), Optional.empty(), SshSettings.DEFAULTS);
    }

    private static Topology topology(Host h1) {
        KvStore store = new KvStore(KvBackend.ETCD, List.of("h1"), "local/etcd:3.4", 2379, Optional.empty());
        return new Topology(1, Mode.KV, SshSettings.DEFAULTS, Optional.of(store), Optional.empty(),
                List.of(h1, Host.of("h2", "198.18.0.12")), List.of());
    }

    @Test
    void anAdvertiseInterfaceIsResolvedToItsAddressNotTheSshAddress() {
        Host h1 = storeHost("eth1");
        assertTrue(StoreUnderlay.needsFacts(h1));
        assertEquals("198.18.0.11", StoreUnderlay.of(h1, TWO, NO_ROUTES));
    }

    @Test
    void theStoreListensAndIsReachedOnTheResolvedUnderlayAddress() {
        Topology t = topology(storeHost("eth1"));
        ClusterLayout layout = ClusterLayout.of(t, Map.of("h1", StoreUnderlay.of(t.hosts().get(0), TWO, NO_ROUTES)));
        assertEquals(List.of("198.18.0.11:2379"), layout.endpoints());
        ContainerSpec spec = KvStoreSpecs.render(layout.cluster().orElseThrow(), "h1");
        assertTrue(spec.cmd().contains("--listen-client-urls=http://198.18.0.11:2379"), spec.cmd().toString());
        assertFalse(spec.cmd().toString().contains("192.0.2.11"), spec.cmd().toString());
    }

    @Test
    void anIpv4AdvertiseIsTakenAsGivenWithoutFacts() {
        Host h1 = storeHost("198.18.0.11");
        assertFalse(StoreUnderlay.needsFacts(h1));
        assertEquals(List.of("198.18.0.11:2379"), ClusterLayout.of(topology(h1)).endpoints());
    }

    @Test
    void aMissingInterfaceStopsInitBeforeAnyChangeNamingWhatTheHostHas() {
        OvlException e = assertThrows(OvlException.class, () -> StoreUnderlay.of(storeHost("eth9"), TWO, NO_ROUTES));
        assertEquals(ExitCode.CHECKS_FAILED, e.exitCode());
        assertEquals("host h1: kv store: cannot tell the underlay address the store should listen on: advertise"
                + " interface eth9 does not exist on the host (it has lo 127.0.0.1, eth0 192.0.2.11, eth1 198.18.0.11,"
                + " docker0 172.17.0.1); nothing was changed", e.getMessage());
    }
}
