package io.ovl.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.ovl.facts.UnparseableOutputException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The inspect parser on captured `docker network inspect` output of a lab host (bridge, host, none, tnet). */
class OverlayNetworkTest {

    @Test
    void readsIpamLabelsAndAttachedContainersFromCapturedOutput() {
        List<OverlayNetwork> all = OverlayNetwork.parseInspect(NetFixtures.resource("docker-network-inspect-all.json"));
        OverlayNetwork tnet = all.stream().filter(n -> n.name().equals("tnet")).findFirst().orElseThrow();

        assertEquals("bridge", tnet.driver());
        assertFalse(tnet.isOverlay());
        assertEquals(List.of(new OverlayNetwork.Ipam("10.99.0.0/24", Optional.of("10.99.0.128/25"), Optional.empty(),
                Map.of("a", "10.99.0.2"))), tnet.ipam());
        assertEquals(Map.of("x", "y"), tnet.labels());
        assertEquals(1, tnet.endpoints().size());
        assertEquals("c1", tnet.endpoints().get(0).container());
        assertEquals("10.99.0.129/24", tnet.endpoints().get(0).ipv4());
        // "none" and "host" have no IPAM config: no subnet, not an empty one.
        assertEquals(List.of(), all.stream().filter(n -> n.name().equals("host")).findFirst().orElseThrow().subnets());
    }

    @Test
    void swarmsRemotePeerEntriesAreNotCountedAsLocalEndpoints() {
        String json = "[{\"Name\":\"o\",\"Id\":\"abc\",\"Driver\":\"overlay\",\"Scope\":\"swarm\",\"IPAM\":{\"Config\":"
                + "[{\"Subnet\":\"10.0.1.0/24\",\"Gateway\":\"10.0.1.1\"}]},\"Containers\":{"
                + "\"c0ffee\":{\"Name\":\"web\",\"IPv4Address\":\"10.0.1.3/24\"},"
                + "\"ep-123\":{\"Name\":\"peer-endpoint\",\"IPv4Address\":\"10.0.1.4/24\"}}}]";
        OverlayNetwork o = OverlayNetwork.parseInspect(json).get(0);
        assertEquals(List.of("web"), o.endpoints().stream().map(OverlayNetwork.Endpoint::container).toList());
        assertEquals(Optional.of("10.0.1.1"), o.ipam().get(0).gateway());
    }

    /** The shape Engine 26 printed on a lab worker (NetSwarmLabIT): its load-balancer sandbox beside the container. */
    @Test
    void aSwarmNodesLoadBalancerSandboxIsNotAnAttachedContainer() {
        String json = "[{\"Name\":\"swnet\",\"Id\":\"abc\",\"Driver\":\"overlay\",\"Scope\":\"swarm\",\"IPAM\":{\"Config\":"
                + "[{\"Subnet\":\"10.77.0.0/24\",\"Gateway\":\"10.77.0.1\"}]},\"Containers\":{"
                + "\"c0ffee\":{\"Name\":\"web2\",\"IPv4Address\":\"10.77.0.5/24\"},"
                + "\"lb-swnet\":{\"Name\":\"swnet-endpoint\",\"IPv4Address\":\"10.77.0.6/24\"}}},"
                + "{\"Name\":\"other\",\"Id\":\"def\",\"Driver\":\"overlay\",\"Scope\":\"swarm\",\"IPAM\":{\"Config\":[]},"
                + "\"Containers\":{\"lb-swnet\":{\"Name\":\"odd\",\"IPv4Address\":\"10.78.0.6/24\"}}}]";
        List<OverlayNetwork> all = OverlayNetwork.parseInspect(json);
        assertEquals(List.of("web2"), all.get(0).endpoints().stream().map(OverlayNetwork.Endpoint::container).toList());
        // Only the network's own lb- entry is Docker's; the same key on another network is kept.
        assertEquals(List.of("odd"), all.get(1).endpoints().stream().map(OverlayNetwork.Endpoint::container).toList());
    }

    @Test
    void textThatIsNotAJsonArrayIsRefusedSayingWhichOutput() {
        var e = assertThrows(UnparseableOutputException.class, () -> OverlayNetwork.parseInspect("{}"));
        assertEquals("output of `docker network inspect`: expected a JSON array", e.getMessage());
    }
}
