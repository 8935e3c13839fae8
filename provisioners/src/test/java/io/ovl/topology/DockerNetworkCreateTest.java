package io.ovl.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ovl.addressing.IpAddress;
import io.ovl.addressing.IpamPool;
import io.ovl.addressing.Prefix;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** The argv of {@code docker network create} for a network spec (pure). */
class DockerNetworkCreateTest {
    @Test
    void anIpv6SubnetEnablesIpv6AsDockerRequires() {
        NetworkSpec v6 = NetworkSpec.of("v6net", Prefix.parse("fd00:16::/64"));

        assertTrue(DockerNetworkCreate.ipv6(v6));
        assertEquals(List.of("docker", "network", "create", "--driver", "overlay", "--ipv6", "--subnet", "fd00:16::/64",
                "v6net"), DockerNetworkCreate.args(v6));
    }

    @Test
    void anIpv4SubnetDoesNot() {
        NetworkSpec v4 = NetworkSpec.of("labnet", Prefix.parse("172.16.16.0/24"));

        assertFalse(DockerNetworkCreate.ipv6(v4));
        assertFalse(DockerNetworkCreate.args(v4).contains("--ipv6"));
    }

    @Test
    void aDualStackNetworkGivesEachSubnetItsOwnRangeAndGatewayAndEnablesIpv6() {
        NetworkSpec dual = new NetworkSpec("dual", List.of(
                new IpamPool(Prefix.parse("10.1.0.0/24"), Optional.of(Prefix.parse("10.1.0.128/25")),
                        Optional.of(IpAddress.parse("10.1.0.1")), Map.of("r4", IpAddress.parse("10.1.0.2"))),
                new IpamPool(Prefix.parse("fd00:1::/64"), Optional.empty(), Optional.of(IpAddress.parse("fd00:1::1")), Map.of())),
                false, true, false, OptionalInt.empty(), Map.of());

        assertEquals(List.of("docker", "network", "create", "--driver", "overlay", "--ipv6",
                "--subnet", "10.1.0.0/24", "--ip-range", "10.1.0.128/25", "--gateway", "10.1.0.1",
                "--subnet", "fd00:1::/64", "--gateway", "fd00:1::1", "--aux-address", "r4=10.1.0.2", "--attachable", "dual"),
                DockerNetworkCreate.args(dual));
    }

    @Test
    void otherDriverOptionsFollowEncryptedAndMtuSortedByKeyAsGiven() {
        NetworkSpec n = new NetworkSpec("opts", List.of(IpamPool.of(Prefix.parse("10.2.0.0/24"))), false, false, true,
                OptionalInt.of(1400), Map.of("team", "web"), Map.of("com.docker.network.driver.overlay.vxlanid_list", "4097",
                "com.example.bare", ""));

        assertEquals(List.of("docker", "network", "create", "--driver", "overlay", "--subnet", "10.2.0.0/24",
                "--opt", "encrypted", "--opt", "com.docker.network.driver.mtu=1400",
                "--opt", "com.docker.network.driver.overlay.vxlanid_list=4097", "--opt", "com.example.bare=",
                "--label", "team=web", "opts"), DockerNetworkCreate.args(n));
    }
}
