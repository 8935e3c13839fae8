package io.ovl.docker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ovl.addressing.IpAddress;
import io.ovl.addressing.IpamPool;
import io.ovl.addressing.Prefix;
import io.ovl.topology.NetworkSpec;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/**
 * The body of {@code POST /networks/create} ovl sends for a topology network, as it leaves docker-java
 * and the transport (a FAKE daemon records it; checked on the lab by SwarmInitResetIT). Fields docker-java
 * sends as null (Docker reads them as unset) are left out of the comparison.
 */
class NetworkCreateBodyTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void everyTopologyKeyBecomesTheEngineField() throws Exception {
        NetworkSpec spec = new NetworkSpec("labnet", List.of(new IpamPool(Prefix.parse("172.16.16.0/24"),
                Optional.of(Prefix.parse("172.16.16.128/25")), Optional.of(IpAddress.parse("172.16.16.1")),
                Map.of("ip2", IpAddress.parse("172.16.16.2")))), false, false, true, OptionalInt.of(1400),
                Map.of("team", "web"));

        assertEquals(JSON.readTree("{\"Name\":\"labnet\",\"Driver\":\"overlay\",\"CheckDuplicate\":true,\"Attachable\":true,"
                        + "\"Internal\":false,\"Options\":{\"encrypted\":\"\",\"com.docker.network.driver.mtu\":\"1400\"},"
                        + "\"IPAM\":{\"Driver\":\"default\",\"Config\":[{\"Subnet\":\"172.16.16.0/24\","
                        + "\"IPRange\":\"172.16.16.128/25\",\"Gateway\":\"172.16.16.1\","
                        + "\"AuxiliaryAddresses\":{\"ip2\":\"172.16.16.2\"}}]},\"Labels\":{\"team\":\"web\"}}"),
                sentFor(spec));
    }

    @Test
    void withoutASubnetDockerPicksOneFromTheSwarmPool() throws Exception {
        NetworkSpec spec = new NetworkSpec("plain", List.of(), true, false, false, OptionalInt.empty(), Map.of());

        assertEquals(JSON.readTree("{\"Name\":\"plain\",\"Driver\":\"overlay\",\"CheckDuplicate\":true,\"Attachable\":true,"
                        + "\"Internal\":true,\"Options\":{},\"IPAM\":{\"Driver\":\"default\",\"Config\":[]},\"Labels\":{}}"),
                sentFor(spec));
    }

    @Test
    void dualStackSendsOnePoolPerSubnetWithItsOwnRangeGatewayAndAuxAddressesAndEnablesIpv6() throws Exception {
        NetworkSpec spec = new NetworkSpec("dual", List.of(
                new IpamPool(Prefix.parse("10.1.0.0/24"), Optional.of(Prefix.parse("10.1.0.128/25")),
                        Optional.of(IpAddress.parse("10.1.0.1")), Map.of("r4", IpAddress.parse("10.1.0.2"))),
                new IpamPool(Prefix.parse("fd00:1::/64"), Optional.of(Prefix.parse("fd00:1::100/120")),
                        Optional.of(IpAddress.parse("fd00:1::1")), Map.of("r6", IpAddress.parse("fd00:1::2")))),
                false, false, false, OptionalInt.empty(), Map.of());

        // docker-java writes the flag twice, from its field and its getter; Go's decoder matches keys without
        // regard to case, so both land in EnableIPv6, and both are true.
        assertEquals(JSON.readTree("{\"enableIPv6\":true,\"Name\":\"dual\",\"Driver\":\"overlay\",\"CheckDuplicate\":true,\"Attachable\":true,"
                        + "\"Internal\":false,\"EnableIPv6\":true,\"Options\":{},\"IPAM\":{\"Driver\":\"default\",\"Config\":["
                        + "{\"Subnet\":\"10.1.0.0/24\",\"IPRange\":\"10.1.0.128/25\",\"Gateway\":\"10.1.0.1\","
                        + "\"AuxiliaryAddresses\":{\"r4\":\"10.1.0.2\"}},"
                        + "{\"Subnet\":\"fd00:1::/64\",\"IPRange\":\"fd00:1::100/120\",\"Gateway\":\"fd00:1::1\","
                        + "\"AuxiliaryAddresses\":{\"r6\":\"fd00:1::2\"}}]},\"Labels\":{}}"),
                sentFor(spec));
    }

    @Test
    void otherDriverOptionsGoIntoOptionsBesideEncryptedAndMtu() throws Exception {
        NetworkSpec spec = new NetworkSpec("opts", List.of(), false, false, true, OptionalInt.of(1400), Map.of(),
                Map.of("com.docker.network.driver.overlay.vxlanid_list", "4097", "com.example.bare", ""));

        assertEquals(JSON.readTree("{\"Name\":\"opts\",\"Driver\":\"overlay\",\"CheckDuplicate\":true,\"Attachable\":true,"
                        + "\"Internal\":false,\"Options\":{\"encrypted\":\"\",\"com.docker.network.driver.mtu\":\"1400\","
                        + "\"com.docker.network.driver.overlay.vxlanid_list\":\"4097\",\"com.example.bare\":\"\"},"
                        + "\"IPAM\":{\"Driver\":\"default\",\"Config\":[]},\"Labels\":{}}"),
                sentFor(spec));
    }

    /** Creates the network through docker-java over the transport and returns the body the daemon got. */
    private static JsonNode sentFor(NetworkSpec spec) throws Exception {
        String answer = "{\"Id\":\"4f1c\",\"Warning\":\"\"}";
        FakeDuplex channel = new FakeDuplex(new ByteArrayInputStream(("HTTP/1.1 201 Created\r\n"
                + "Content-Type: application/json\r\nContent-Length: " + answer.length() + "\r\n\r\n" + answer)
                .getBytes(StandardCharsets.US_ASCII)), "");
        ChannelDockerHttpClient http = new ChannelDockerHttpClient(() -> channel, "node-1");
        new DockerJavaSwarmApi(DockerClients.over(http), http, "node-1").createNetwork(spec);

        String written = channel.written();
        assertTrue(written.startsWith("POST /networks/create HTTP/1.1\r\n"), written);
        return withoutNulls(JSON.readTree(written.substring(written.indexOf("\r\n\r\n") + 4)));
    }

    private static JsonNode withoutNulls(JsonNode node) {
        if (node instanceof ObjectNode object) {
            for (String field : iterable(object.fieldNames())) {
                if (object.get(field).isNull()) {
                    object.remove(field);
                } else {
                    withoutNulls(object.get(field));
                }
            }
        } else if (node.isArray()) {
            node.forEach(NetworkCreateBodyTest::withoutNulls);
        }
        return node;
    }

    private static Iterable<String> iterable(Iterator<String> names) {
        var list = new ArrayList<String>();
        names.forEachRemaining(list::add);
        return list;
    }
}
