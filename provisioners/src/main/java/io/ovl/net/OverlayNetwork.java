package io.ovl.net;

import com.fasterxml.jackson.databind.JsonNode;
import io.ovl.facts.DockerJson;
import io.ovl.facts.UnparseableOutputException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A Docker network as one host's {@code docker network inspect} shows it: what ls and inspect
 * print. Addresses are kept as Docker printed them (they are reported, not computed with).
 *
 * @param ipam       one entry per subnet
 * @param endpoints  the containers attached on this host
 */
public record OverlayNetwork(String name, String id, String driver, String scope, boolean internal,
                             boolean attachable, List<Ipam> ipam, Map<String, String> options,
                             Map<String, String> labels, List<Endpoint> endpoints) {

    public OverlayNetwork {
        Objects.requireNonNull(name, "name");
        ipam = List.copyOf(ipam);
        options = Map.copyOf(options);
        labels = Map.copyOf(labels);
        endpoints = List.copyOf(endpoints);
    }

    /** One IPAM config entry; gateway and ip-range are empty when Docker chose or did not set them. */
    public record Ipam(String subnet, Optional<String> ipRange, Optional<String> gateway, Map<String, String> auxAddresses) {
        public Ipam {
            Objects.requireNonNull(subnet, "subnet");
            auxAddresses = Map.copyOf(auxAddresses);
        }
    }

    /** A container attached to the network on one host; addresses with their prefix length, as Docker prints them. */
    public record Endpoint(String container, String ipv4, String ipv6, String mac) {
    }

    public boolean isOverlay() {
        return driver.equals("overlay");
    }

    public List<String> subnets() {
        return ipam.stream().map(Ipam::subnet).toList();
    }

    /**
     * Parses {@code docker network inspect} output (a JSON array).
     *
     * @throws UnparseableOutputException for text that is not a JSON array of networks
     */
    public static List<OverlayNetwork> parseInspect(String json) {
        String source = "output of `docker network inspect`";
        JsonNode root = DockerJson.array(json, source);
        List<OverlayNetwork> out = new ArrayList<>();
        for (JsonNode n : root) {
            List<Ipam> ipam = new ArrayList<>();
            for (JsonNode c : n.path("IPAM").path("Config")) {
                String subnet = c.path("Subnet").asText("");
                if (!subnet.isEmpty()) {
                    ipam.add(new Ipam(subnet, text(c, "IPRange"), text(c, "Gateway"), strings(c.path("AuxiliaryAddresses"))));
                }
            }
            List<Endpoint> endpoints = new ArrayList<>();
            Iterator<Map.Entry<String, JsonNode>> it = n.path("Containers").fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                // Swarm lists remote peers as "ep-<id>" entries; they are reported by their own host.
                // It also lists the node's load-balancer sandbox ("lb-<network>", named "<network>-endpoint";
                // "ingress-sbox" on ingress): Docker's own, not a container anyone can stop or disconnect.
                String key = e.getKey();
                if (key.startsWith("ep-") || key.equals("lb-" + n.path("Name").asText("")) || key.equals("ingress-sbox")) {
                    continue;
                }
                JsonNode c = e.getValue();
                endpoints.add(new Endpoint(c.path("Name").asText(e.getKey()), c.path("IPv4Address").asText(""),
                        c.path("IPv6Address").asText(""), c.path("MacAddress").asText("")));
            }
            endpoints.sort(java.util.Comparator.comparing(Endpoint::container));
            out.add(new OverlayNetwork(n.path("Name").asText(""), n.path("Id").asText(""), n.path("Driver").asText(""),
                    n.path("Scope").asText(""), n.path("Internal").asBoolean(false), n.path("Attachable").asBoolean(false),
                    ipam, strings(n.path("Options")), strings(n.path("Labels")), endpoints));
        }
        return List.copyOf(out);
    }

    private static Optional<String> text(JsonNode node, String field) {
        String s = node.path(field).asText("");
        return s.isEmpty() ? Optional.empty() : Optional.of(s);
    }

    private static Map<String, String> strings(JsonNode object) {
        Map<String, String> out = new LinkedHashMap<>();
        object.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asText("")));
        return out;
    }
}
