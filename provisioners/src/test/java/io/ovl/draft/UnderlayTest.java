package io.ovl.draft;

import static io.ovl.draft.FakeFacts.iface;
import static io.ovl.draft.FakeFacts.route;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ovl.addressing.IpAddress;
import io.ovl.addressing.Prefix;
import io.ovl.doctor.DockerNetwork;
import io.ovl.facts.HostInterface;
import io.ovl.facts.IpFamily;
import io.ovl.facts.IpPrefix;
import io.ovl.facts.Route;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Which interface reaches the other hosts: pure functions over a FAKE of the facts, built by hand. */
class UnderlayTest {
    private static final DockerNetwork BRIDGE = new DockerNetwork("bridge", "bridge", "local",
            List.of(Prefix.parse("172.17.0.0/16")));
    private static final HostInterface DOCKER0 = iface("docker0", 1500, "172.17.0.1/16");

    /** Two networks: eth0 management 10.0.0.0/24 (default route), eth1 the underlay 192.168.50.0/24. */
    private static Underlay.View twoNetworks(String name, int n, String connect) {
        return new Underlay.View(name, IpAddress.tryParse(connect),
                List.of(iface("eth0", 1500, "10.0.0." + n + "/24"), iface("eth1", 9000, "192.168.50." + n + "/24"), DOCKER0),
                List.of(route("default", "eth0", "10.0.0.1"), route("10.0.0.0/24", "eth0", null),
                        route("192.168.50.0/24", "eth1", null), route("172.17.0.0/16", "docker0", null)),
                List.of(BRIDGE));
    }

    @Test
    void theLongestMatchingRouteWinsAndABlackholeReachesNothing() {
        List<Route> routes = List.of(route("default", "eth0", "10.0.0.1"), route("192.168.0.0/16", "eth1", "192.168.50.1"),
                route("192.168.50.0/24", "eth1", null),
                new Route("blackhole", IpPrefix.parse("192.168.66.0/24"), false, Optional.empty(), Optional.empty(),
                        Optional.empty(), Optional.empty()));
        assertEquals(Optional.of("192.168.50.0/24"), Underlay.route(routes, IpAddress.parse("192.168.50.7"))
                .map(r -> r.destination().toString()));
        assertEquals(Optional.of("192.168.0.0/16"), Underlay.route(routes, IpAddress.parse("192.168.51.7"))
                .map(r -> r.destination().toString()));
        assertTrue(Underlay.route(routes, IpAddress.parse("8.8.8.8")).orElseThrow().isDefault());
        assertEquals(Optional.empty(), Underlay.route(routes, IpAddress.parse("192.168.66.1")));
        assertEquals(Optional.empty(), Underlay.route(List.of(route("10.0.0.0/8", "eth0", null)), IpAddress.parse("11.0.0.1")));
    }

    @Test
    void theAddressSshReachedIsThePeersAddressWhenTheHostHasIt() {
        assertEquals(List.of(IpAddress.parse("192.168.50.2")),
                Underlay.peerAddresses(twoNetworks("b", 2, "192.168.50.2")));
        // Reached by a name: every global IPv4 address outside Docker's interfaces and networks.
        assertEquals(List.of(IpAddress.parse("10.0.0.2"), IpAddress.parse("192.168.50.2")),
                Underlay.peerAddresses(twoNetworks("b", 2, "b.example.org")));
    }

    @Test
    void hostsTypedByTheirUnderlayAddressesAdvertiseTheUnderlayInterface() {
        Underlay.View a = twoNetworks("a", 1, "192.168.50.1");
        Underlay.Choice c = Underlay.choose(a, List.of(twoNetworks("b", 2, "192.168.50.2"), twoNetworks("c", 3, "192.168.50.3")));
        assertEquals(Optional.of("eth1"), c.device());
        assertEquals("192.168.50.1", c.address().orElseThrow().address());
        assertEquals(9000, c.mtu());
        assertEquals("its routes reach b 192.168.50.2 (on-link), c 192.168.50.3 (on-link)", c.reason());
        assertEquals(List.of(), c.elsewhere());
    }

    @Test
    void aHostReachedOnItsManagementAddressStillAdvertisesTheInterfaceTheOthersAreRoutedThrough() {
        // SSH reached a on 10.0.0.1 (management), the peers were typed with their underlay addresses.
        Underlay.Choice c = Underlay.choose(twoNetworks("a", 1, "10.0.0.1"),
                List.of(twoNetworks("b", 2, "192.168.50.2"), twoNetworks("c", 3, "192.168.50.3")));
        assertEquals(Optional.of("eth1"), c.device());
        assertEquals("192.168.50.1", c.address().orElseThrow().address());
    }

    @Test
    void aPeerReachedOverAnotherInterfaceIsNamedForReview() {
        Underlay.Choice c = Underlay.choose(twoNetworks("a", 1, "192.168.50.1"),
                List.of(twoNetworks("b", 2, "192.168.50.2"), twoNetworks("c", 3, "192.168.50.3"), twoNetworks("d", 4, "10.0.0.4")));
        assertEquals(Optional.of("eth1"), c.device());
        assertEquals(List.of("d is reached over eth0, not eth1 (d 10.0.0.4 (on-link))"), c.elsewhere());
    }

    @Test
    void aSpecificRouteBeatsTheDefaultRouteForAPeerWithSeveralAddresses() {
        // Peers reached by name: each has a management and an underlay address; both are on-link, a tie
        // the interface SSH reached does not break (names), so the interface name does: eth0.
        Underlay.Choice byName = Underlay.choose(twoNetworks("a", 1, "a"), List.of(twoNetworks("b", 2, "b")));
        assertEquals(Optional.of("eth0"), byName.device());
        // A peer only the default route reaches, and one a specific route reaches on eth1: eth1 wins
        // the tie of one peer each, by its specific route.
        Underlay.View far = new Underlay.View("far", Optional.of(IpAddress.parse("203.0.113.9")),
                List.of(iface("eth0", 1500, "203.0.113.9/24")), List.of(), List.of());
        Underlay.Choice c = Underlay.choose(twoNetworks("a", 1, "a"), List.of(far, twoNetworks("b", 2, "192.168.50.2")));
        assertEquals(Optional.of("eth1"), c.device());
        assertEquals(List.of("far is reached over eth0, not eth1 (far 203.0.113.9 (via 10.0.0.1, default route))"),
                c.elsewhere());
    }

    @Test
    void dockersOwnInterfacesAndAddressesAreNeverCandidates() {
        HostInterface down = new HostInterface(5, "eth2", "DOWN", List.of("BROADCAST"), 1500, "ether", Optional.empty(),
                iface("x", 1500, "192.0.2.5/24").addresses());
        HostInterface vxlan = new HostInterface(6, "vxlan0", "UNKNOWN", List.of("UP", "LOWER_UP"), 1450, "ether",
                Optional.of("vxlan"), iface("x", 1500, "192.0.3.5/24").addresses());
        HostInterface userBridge = iface("br-0123456789ab", 1500, "172.18.0.1/16");
        HostInterface inANetwork = iface("mybr", 1500, "172.19.0.1/16");
        Underlay.View v = new Underlay.View("a", Optional.empty(),
                List.of(new HostInterface(1, "lo", "UNKNOWN", List.of("LOOPBACK", "UP", "LOWER_UP"), 65536, "loopback",
                        Optional.empty(), iface("x", 1500, "127.0.0.1/8").addresses()), DOCKER0, down, vxlan, userBridge, inANetwork,
                        iface("eth0", 1500, "198.18.0.11/24")),
                List.of(), List.of(BRIDGE, new DockerNetwork("app", "bridge", "local", List.of(Prefix.parse("172.19.0.0/16")))));
        assertEquals(List.of(IpAddress.parse("198.18.0.11")), Underlay.peerAddresses(v));
    }

    @Test
    void theOnlyHostAdvertisesTheInterfaceSshReachedOrElseTheDefaultRoutes() {
        Underlay.Choice c = Underlay.choose(twoNetworks("a", 1, "192.168.50.1"), List.of());
        assertEquals(Optional.of("eth1"), c.device());
        assertEquals("the only host; the interface SSH reached it on", c.reason());
        Underlay.Choice byName = Underlay.choose(twoNetworks("a", 1, "a.example.org"), List.of());
        assertEquals(Optional.of("eth0"), byName.device());
        assertEquals("the only host; the interface of its default route", byName.reason());
    }

    @Test
    void aHostWithoutAnyUsableAddressHasNoChoiceAndSaysWhy() {
        Underlay.Choice c = Underlay.choose(new Underlay.View("a", Optional.empty(), List.of(DOCKER0), List.of(), List.of(BRIDGE)),
                List.of(twoNetworks("b", 2, "192.168.50.2")));
        assertTrue(c.device().isEmpty());
        assertEquals("no interface that is up has a global IPv4 address outside Docker's networks", c.reason());
        assertEquals(IpFamily.INET, IpPrefix.parse("1.2.3.4/8").family());
    }
}
