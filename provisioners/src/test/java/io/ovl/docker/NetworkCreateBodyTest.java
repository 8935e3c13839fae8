package io.ovl.docker;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ovl.addressing.IpAddress;
import io.ovl.addressing.Prefix;
import io.ovl.topology.NetworkSpec;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** The body of {@code POST /networks/create} ovl sends for a topology network (checked on the lab by SwarmInitResetIT). */
class NetworkCreateBodyTest {

    @Test
    void everyTopologyKeyBecomesTheEngineField() {
        NetworkSpec spec = new NetworkSpec("labnet", Optional.of(Prefix.parse("172.16.16.0/24")),
                Optional.of(Prefix.parse("172.16.16.128/25")), Optional.of(IpAddress.parse("172.16.16.1")),
                Map.of("ip2", IpAddress.parse("172.16.16.2")), false, false, true, OptionalInt.of(1400),
                Map.of("team", "web"));

        assertEquals("{\"Name\":\"labnet\",\"Driver\":\"overlay\",\"CheckDuplicate\":true,\"Attachable\":true,"
                        + "\"Internal\":false,\"Options\":{\"encrypted\":\"\",\"com.docker.network.driver.mtu\":\"1400\"},"
                        + "\"IPAM\":{\"Driver\":\"default\",\"Config\":[{\"Subnet\":\"172.16.16.0/24\","
                        + "\"IPRange\":\"172.16.16.128/25\",\"Gateway\":\"172.16.16.1\","
                        + "\"AuxiliaryAddresses\":{\"ip2\":\"172.16.16.2\"}}]},\"Labels\":{\"team\":\"web\"}}",
                HttpSwarmApi.networkCreateBody(spec).toString());
    }

    @Test
    void withoutASubnetDockerPicksOneFromTheSwarmPool() {
        NetworkSpec spec = new NetworkSpec("plain", Optional.empty(), Optional.empty(), Optional.empty(), Map.of(),
                true, false, false, OptionalInt.empty(), Map.of());

        assertEquals("{\"Name\":\"plain\",\"Driver\":\"overlay\",\"CheckDuplicate\":true,\"Attachable\":true,"
                        + "\"Internal\":true,\"Options\":{},\"IPAM\":{\"Driver\":\"default\",\"Config\":[]},\"Labels\":{}}",
                HttpSwarmApi.networkCreateBody(spec).toString());
    }
}
