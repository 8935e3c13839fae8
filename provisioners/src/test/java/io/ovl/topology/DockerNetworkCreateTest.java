package io.ovl.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ovl.addressing.Prefix;
import java.util.List;
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
}
