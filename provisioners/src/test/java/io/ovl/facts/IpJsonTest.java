package io.ovl.facts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class IpJsonTest {

    @Test
    void addrOfTheNamespaceCapture() {
        List<HostInterface> links = IpJson.parseAddr(Resources.text("ip-j-addr-netns.json"));
        assertEquals(List.of("lo", "br-cap", "eth0", "vcap0", "vxlan42"),
                links.stream().map(HostInterface::name).toList());
        HostInterface eth0 = links.get(2);
        assertEquals(1450, eth0.mtu());
        assertEquals("UP", eth0.operState());
        assertTrue(eth0.isUp());
        assertEquals(List.of("198.18.0.11/24", "198.18.0.99/24"),
                eth0.addresses(IpFamily.INET).stream().map(a -> a.prefix().toString()).toList());
        assertEquals(List.of("2001:db8:18::11/64", "fe80::2c65:1eff:fe1c:a0a1/64"),
                eth0.addresses(IpFamily.INET6).stream().map(a -> a.prefix().toString()).toList());
        assertEquals("link", eth0.addresses(IpFamily.INET6).get(1).scope());
        assertTrue(eth0.hasAddress("198.18.0.99"));
        assertFalse(eth0.hasAddress("198.18.0.1"));

        HostInterface vxlan = links.get(4);
        assertFalse(vxlan.isUp());
        assertEquals("DOWN", vxlan.operState());
        assertEquals(List.of(), vxlan.addresses());
        // loopback reports operstate UNKNOWN yet works: isUp reads the flags
        assertEquals("UNKNOWN", links.get(0).operState());
        assertTrue(links.get(0).isUp());
        assertEquals(Optional.empty(), eth0.kind());
    }

    @Test
    void detailedOutputCarriesTheDeviceKind() {
        HostInterface vxlan = IpJson.parseAddr(Resources.text("ip-d-j-addr-vxlan-netns.json")).get(0);
        assertEquals(Optional.of("vxlan"), vxlan.kind());
        assertEquals(1400, vxlan.mtu());
    }

    @Test
    void addrOfThisMachine() {
        List<HostInterface> links = IpJson.parseAddr(Resources.text("ip-j-addr-this-machine.json"));
        HostInterface eth0 = links.stream().filter(l -> l.name().equals("eth0")).findFirst().orElseThrow();
        assertEquals(1400, eth0.mtu());
        assertEquals(new IpPrefix("192.0.2.2", 24), eth0.addresses(IpFamily.INET).get(0).prefix());
    }

    @Test
    void routesWithDefaultGatewayMetricAndBlackhole() {
        List<Route> routes = IpJson.parseRoute(Resources.text("ip-j-route-netns.json"), IpFamily.INET);
        assertEquals(4, routes.size());
        Route def = routes.get(0);
        assertTrue(def.isDefault());
        assertEquals(new IpPrefix("0.0.0.0", 0), def.destination());
        assertEquals(Optional.of("198.18.0.1"), def.via());
        assertEquals(Optional.of("eth0"), def.device());
        assertEquals(Optional.of(100), routes.get(1).metric());
        assertEquals(new IpPrefix("172.16.0.0", 12), routes.get(1).destination());
        Route blackhole = routes.get(2);
        assertEquals("blackhole", blackhole.type());
        assertEquals(Optional.empty(), blackhole.device());
        Route connected = routes.get(3);
        assertEquals("unicast", connected.type());
        assertEquals(Optional.of("198.18.0.11"), connected.source());
        assertEquals(Optional.empty(), connected.via());
    }

    @Test
    void ipv6DefaultIsTheIpv6AnyPrefix() {
        List<Route> routes = IpJson.parseRoute(Resources.text("ip-j-6-route-netns.json"), IpFamily.INET6);
        Route def = routes.get(routes.size() - 1);
        assertEquals(new IpPrefix("::", 0), def.destination());
        assertEquals(Optional.of("2001:db8:18::1"), def.via());
        assertEquals(new IpPrefix("2001:db8:18::", 64), routes.get(0).destination());
    }

    @Test
    void hostRoutesWithoutALengthAreFullLength() {
        List<Route> routes = IpJson.parseRoute("[{\"dst\":\"198.18.0.5\",\"dev\":\"eth0\",\"flags\":[]}]", IpFamily.INET);
        assertEquals(new IpPrefix("198.18.0.5", 32), routes.get(0).destination());
        assertEquals(List.of(), IpJson.parseRoute("", IpFamily.INET));
    }

    @Test
    void thisMachinesRoutes() {
        List<Route> routes = IpJson.parseRoute(Resources.text("ip-j-route-this-machine.json"), IpFamily.INET);
        assertEquals(Optional.of("192.0.2.1"), routes.get(0).via());
        assertEquals(new IpPrefix("192.0.2.0", 24), routes.get(1).destination());
    }

    @Test
    void invalidJsonNamesTheCommandAndPosition() {
        UnparseableOutputException e = assertThrows(UnparseableOutputException.class,
                () -> IpJson.parseAddr("[{\"ifname\":\"eth0\",}"));
        assertTrue(e.getMessage().contains("ip -j addr") && e.getMessage().contains("line 1"), e.getMessage());
        UnparseableOutputException missing = assertThrows(UnparseableOutputException.class,
                () -> IpJson.parseAddr("[{\"ifname\":\"eth0\",\"ifindex\":2}]"));
        assertTrue(missing.getMessage().contains("\"mtu\""), missing.getMessage());
    }

    @Test
    void prefixRejectsImpossibleLengths() {
        assertThrows(IllegalArgumentException.class, () -> new IpPrefix("10.0.0.0", 33));
        assertEquals(new IpPrefix("2001:db8::", 128), IpPrefix.parse("2001:db8::"));
    }

    @Test
    void labHost() {
        List<HostInterface> links = IpJson.parseAddr(Resources.text("ip-j-addr-lab-host.json"));
        HostInterface eth0 = links.stream().filter(l -> l.name().equals("eth0")).findFirst().orElseThrow();
        assertTrue(eth0.hasAddress("198.18.252.11"));
        HostInterface docker0 = links.stream().filter(l -> l.name().equals("docker0")).findFirst().orElseThrow();
        assertEquals(new IpPrefix("172.17.0.1", 16), docker0.addresses(IpFamily.INET).get(0).prefix());
        assertFalse(docker0.isUp());
        List<Route> routes = IpJson.parseRoute(Resources.text("ip-j-route-lab-host.json"), IpFamily.INET);
        assertEquals(List.of("0.0.0.0/0", "172.17.0.0/16", "198.18.252.0/24"),
                routes.stream().map(r -> r.destination().toString()).toList());
        assertEquals(Optional.of("docker0"), routes.get(1).device());
    }

    @Test
    void advertiseLookupByNameOrAddress() {
        List<HostInterface> links = IpJson.parseAddr(Resources.text("ip-j-addr-netns.json"));
        assertEquals("eth0", HostInterfaces.forAdvertise(links, "eth0").orElseThrow().name());
        assertEquals("eth0", HostInterfaces.forAdvertise(links, "198.18.0.99").orElseThrow().name());
        assertEquals(Optional.empty(), HostInterfaces.forAdvertise(links, "eth1"));
        assertEquals(Optional.empty(), HostInterfaces.forAdvertise(links, "198.18.0.1"));
    }
}
