package io.ovl.doctor;

import io.ovl.addressing.IpamPool;
import static io.ovl.doctor.Labs.H1;
import static io.ovl.doctor.Labs.H2;
import static io.ovl.doctor.Labs.H3;
import static io.ovl.doctor.Labs.LABNET;
import static io.ovl.doctor.Labs.context;
import static io.ovl.doctor.Labs.verdict;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ovl.addressing.Prefix;
import io.ovl.core.Finding;
import io.ovl.core.Severity;
import io.ovl.doctor.checks.AdvertiseAddressCheck;
import io.ovl.doctor.checks.MtuHeadroom;
import io.ovl.doctor.checks.PortsFree;
import io.ovl.doctor.checks.SubnetOverlap;
import io.ovl.topology.Host;
import io.ovl.topology.NetworkSpec;
import io.ovl.topology.SshSettings;
import io.ovl.topology.Topology;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** Advertise, MTU, subnet and port-binding checks on facts from captured real outputs (FakeHost). */
class NetworkChecksTest {

    private static Finding on(Check check, Topology t, String host, HostFacts facts) {
        return verdict(check, context(t, Map.of(host, facts)), host);
    }

    private static Topology withH2(Host h2, List<NetworkSpec> networks) {
        return Labs.kv(List.of(H1, h2, H3), networks);
    }

    private static Host h2Advertising(String advertise) {
        return new Host("h2", "198.18.144.12", true, Optional.of(advertise), Optional.empty(), SshSettings.DEFAULTS);
    }

    @Test
    void advertiseAddressIsFoundOnItsInterface() {
        Finding v = on(new AdvertiseAddressCheck(), Labs.kv(), "h2", FakeHost.of("h2-2010").facts());
        assertEquals(Severity.PASS, v.severity());
        assertEquals("198.18.144.12 on eth0", v.message());
        Finding byName = on(new AdvertiseAddressCheck(), withH2(h2Advertising("eth0"), List.of()), "h2",
                FakeHost.of("h2-2010").facts());
        assertEquals("198.18.144.12 on eth0", byName.message());
    }

    @Test
    void advertiseInterfaceThatDoesNotExistFailsListingTheRealOnes() {
        Finding v = on(new AdvertiseAddressCheck(), withH2(h2Advertising("eth9"), List.of()), "h2",
                FakeHost.of("h2-2010").facts());
        assertEquals(Severity.ERROR, v.severity());
        assertTrue(v.message().contains("eth9 does not exist"), v.message());
        assertTrue(v.message().contains("eth0 198.18.144.12"), v.message());
    }

    @Test
    void advertiseAddressOnNoInterfaceFailsAndAnAddressBehindNatWarns() {
        Finding ip = on(new AdvertiseAddressCheck(), withH2(h2Advertising("198.18.144.99"), List.of()), "h2",
                FakeHost.of("h2-2010").facts());
        assertEquals(Severity.ERROR, ip.severity());
        Host natted = Host.of("h2", "203.0.113.7");
        Finding nat = on(new AdvertiseAddressCheck(), withH2(natted, List.of()), "h2", FakeHost.of("h2-2010").facts());
        assertEquals(Severity.WARNING, nat.severity());
        assertTrue(nat.message().contains("203.0.113.7 is on no interface"), nat.message());
    }

    @Test
    void mtuLeavesRoomForDockersDefaultOnA1500Underlay() {
        Finding v = on(new MtuHeadroom(), Labs.kv(), "h2", FakeHost.of("h2-2010").facts());
        assertEquals(Severity.PASS, v.severity());
        assertTrue(v.message().contains("eth0 has MTU 1500"), v.message());
    }

    @Test
    void anOverlayMtuAboveUnderlayMinus50Fails() {
        NetworkSpec big = new NetworkSpec("big", List.of(IpamPool.of(Prefix.parse("10.50.0.0/24"))), false, false, false, OptionalInt.of(1460), Map.of());
        Finding v = on(new MtuHeadroom(), withH2(H2, List.of(big)), "h2", FakeHost.of("h2-2010").facts());
        assertEquals(Severity.ERROR, v.severity());
        assertTrue(v.message().contains("big (MTU 1460)"), v.message());
        assertTrue(v.fix().orElseThrow().contains("mtu: 1450"), v.fix().toString());
    }

    @Test
    void aSmallUnderlayMtuWarnsAboutDockersDefault() {
        HostFacts facts = FakeHost.of("h2-2010").edit(FactCommands.IP_ADDR, "h2-2010", "ip-j-d-addr.json",
                "\"ifname\":\"eth0\",\"flags\":[\"BROADCAST\",\"MULTICAST\",\"UP\",\"LOWER_UP\"],\"mtu\":1500",
                "\"ifname\":\"eth0\",\"flags\":[\"BROADCAST\",\"MULTICAST\",\"UP\",\"LOWER_UP\"],\"mtu\":1400").facts();
        Finding v = on(new MtuHeadroom(), Labs.kv(), "h2", facts);
        assertEquals(Severity.WARNING, v.severity());
        assertTrue(v.fix().orElseThrow().contains("mtu: 1350"), v.fix().toString());
    }

    /** VXLAN over IPv6 takes 70 bytes: Docker's default 1450 no longer fits a 1500 underlay (facts: a fake, eth0 given a ULA). */
    @Test
    void anIpv6UnderlayLeaves70BytesForVxlan() {
        HostFacts facts = FakeHost.of("h2-2010").edit(FactCommands.IP_ADDR, "h2-2010", "ip-j-d-addr.json",
                "fe80::d847:b6ff:febb:b230", "fd00::12").facts();
        Finding v = on(new MtuHeadroom(), withH2(Host.of("h2", "fd00::12"),
                List.of(NetworkSpec.of("dflt", Prefix.parse("10.50.0.0/24")))), "h2", facts);
        assertTrue(v.message().contains("room for overlay MTU 1430 (VXLAN over IPv6 takes 70 bytes)"), v.message());
        assertEquals(Severity.WARNING, v.severity(), v.message());
        assertTrue(v.fix().orElseThrow().contains("mtu: 1430"), v.fix().toString());
    }

    @Test
    void labnetOverlapsNothingOnTheLabHost() {
        assertEquals(Severity.PASS, on(new SubnetOverlap(), Labs.kv(), "h2", FakeHost.of("h2-2010").facts()).severity());
    }

    @Test
    void anOverlaySubnetOverDocker0IsReportedAsAddressRouteAndDockerNetwork() {
        NetworkSpec clash = NetworkSpec.of("clash", Prefix.parse("172.17.5.0/24"));
        Finding v = on(new SubnetOverlap(), withH2(H2, List.of(LABNET, clash)), "h2", FakeHost.of("h2-2010").facts());
        assertEquals(Severity.ERROR, v.severity());
        assertTrue(v.message().contains("overlaps address 172.17.0.1/16 on docker0"), v.message());
        assertTrue(v.message().contains("overlaps route 172.17.0.0/16 dev docker0"), v.message());
        assertTrue(v.message().contains("overlaps Docker network bridge 172.17.0.0/16"), v.message());
        assertFalse(v.message().contains("labnet"), v.message());
    }

    @Test
    void anOverlaySubnetInsideAHostRouteFails() {
        HostFacts facts = FakeHost.of("h2-2010").edit(FactCommands.IP_ROUTE, "h2-2010", "ip-j-route.json",
                "[{\"dst\":\"default\"", "[{\"dst\":\"172.16.0.0/12\",\"gateway\":\"198.18.144.1\",\"dev\":\"eth0\",\"flags\":[]},"
                        + "{\"dst\":\"default\"").facts();
        Finding v = on(new SubnetOverlap(), Labs.kv(), "h2", facts);
        assertEquals(Severity.ERROR, v.severity());
        assertTrue(v.message().contains("labnet 172.16.16.0/24 overlaps route 172.16.0.0/12 via 198.18.144.1 dev eth0"),
                v.message());
    }

    @Test
    void anExistingOverlayOfTheSameNameIsNotAnOverlap() {
        String inspect = "[{\"Name\":\"labnet\",\"Driver\":\"overlay\",\"Scope\":\"global\",\"IPAM\":{\"Config\":"
                + "[{\"Subnet\":\"172.16.16.0/24\"}]}},{\"Name\":\"other\",\"Driver\":\"bridge\",\"Scope\":\"local\","
                + "\"IPAM\":{\"Config\":[{\"Subnet\":\"172.16.16.0/25\"}]}}]";
        Finding v = on(new SubnetOverlap(), Labs.kv(), "h2", FakeHost.of("h2-2010")
                .answer(FactCommands.DOCKER_NETWORKS, inspect).facts());
        assertEquals(Severity.ERROR, v.severity());
        assertTrue(v.message().contains("Docker network other"), v.message());
        assertFalse(v.message().contains("Docker network labnet"), v.message());
    }

    @Test
    void freePortsPassAndTheStorePortIsCheckedOnTheStoreHost() {
        Finding h2 = on(new PortsFree(), Labs.kv(), "h2", FakeHost.of("h2-2010").facts());
        assertEquals(Severity.PASS, h2.severity());
        assertEquals("free: tcp/7946, udp/7946, udp/4789", h2.message());
        assertEquals("free: tcp/2379", on(new PortsFree(), Labs.kv(), "h1", FakeHost.of("h1-2010").facts()).message());
    }

    @Test
    void aPortHeldBySomethingElseFailsNamingTheProcess() {
        String ss = FakeHost.resource("h2-2010/ss-H-lntup.txt")
                + "udp   UNCONN 0      0            0.0.0.0:7946       0.0.0.0:*    users:((\"memberlistd\",pid=812,fd=7))\n";
        Finding v = on(new PortsFree(), Labs.kv(), "h2", FakeHost.of("h2-2010").answer(FactCommands.SS, ss).facts());
        assertEquals(Severity.ERROR, v.severity());
        assertTrue(v.message().contains("udp/7946 (overlay gossip) is held by memberlistd"), v.message());
    }

    @Test
    void portsHeldByTheOverlayItselfAfterSetupPass() {
        String ss = FakeHost.resource("h2-2010/ss-H-lntup.txt")
                + "udp   UNCONN 0      0            0.0.0.0:4789       0.0.0.0:*\n"
                + "tcp   LISTEN 0      4096               *:7946             *:*    users:((\"dockerd\",pid=99,fd=30))\n";
        Finding v = on(new PortsFree(), Labs.kv(), "h2", FakeHost.of("h2-2010").answer(FactCommands.SS, ss).facts());
        assertEquals(Severity.PASS, v.severity());
        assertTrue(v.message().contains("udp/4789 (the kernel (no process))"), v.message());
        assertTrue(v.message().contains("tcp/7946 (dockerd)"), v.message());
    }
}
