package io.ovl.facts;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Parsers for iproute2's JSON output: {@code ip -j addr} and {@code ip -j route}. */
public final class IpJson {
    private static final ObjectMapper JSON = new ObjectMapper();

    private IpJson() {
    }

    /** @throws UnparseableOutputException for invalid JSON or an entry without ifname/ifindex/mtu */
    public static List<HostInterface> parseAddr(String json) {
        String source = "output of `ip -j addr`";
        List<HostInterface> out = new ArrayList<>();
        for (JsonNode link : array(json, source)) {
            String name = required(link, "ifname", source).asText();
            List<InterfaceAddress> addresses = new ArrayList<>();
            for (JsonNode a : link.path("addr_info")) {
                String family = a.path("family").asText();
                if (!family.equals("inet") && !family.equals("inet6")) {
                    continue;
                }
                String local = required(a, "local", source + " (interface " + name + ")").asText();
                int len = required(a, "prefixlen", source + " (interface " + name + ")").asInt();
                IpPrefix prefix;
                try {
                    prefix = new IpPrefix(local, len);
                } catch (IllegalArgumentException e) {
                    throw new UnparseableOutputException(source + " (interface " + name + "): " + e.getMessage(), e);
                }
                addresses.add(new InterfaceAddress(IpFamily.ofIproute(family), prefix, a.path("scope").asText("global")));
            }
            List<String> flags = new ArrayList<>();
            link.path("flags").forEach(f -> flags.add(f.asText()));
            Optional<String> kind = text(link.path("linkinfo"), "info_kind");
            out.add(new HostInterface(required(link, "ifindex", source).asInt(), name,
                    link.path("operstate").asText("UNKNOWN"), flags, required(link, "mtu", source).asInt(),
                    link.path("link_type").asText("none"), kind, addresses));
        }
        return List.copyOf(out);
    }

    /**
     * @param family which command produced the JSON: {@code ip -j route} ({@link IpFamily#INET}) or
     *               {@code ip -j -6 route} ({@link IpFamily#INET6}); "default" means the any-prefix
     *               of that family
     * @throws UnparseableOutputException for invalid JSON or a route without "dst"
     */
    public static List<Route> parseRoute(String json, IpFamily family) {
        String source = family == IpFamily.INET ? "output of `ip -j route`" : "output of `ip -j -6 route`";
        List<Route> out = new ArrayList<>();
        for (JsonNode r : array(json, source)) {
            String dst = required(r, "dst", source).asText();
            boolean isDefault = dst.equals("default");
            IpPrefix prefix;
            try {
                prefix = isDefault ? IpPrefix.anyOf(family) : IpPrefix.parse(dst);
            } catch (IllegalArgumentException e) {
                throw new UnparseableOutputException(source + ": route destination '" + dst + "' is not A/N", e);
            }
            Optional<Integer> metric = r.has("metric") ? Optional.of(r.get("metric").asInt()) : Optional.empty();
            out.add(new Route(r.path("type").asText("unicast"), prefix, isDefault, text(r, "dev"),
                    text(r, "gateway"), text(r, "prefsrc"), metric));
        }
        return List.copyOf(out);
    }

    private static JsonNode array(String json, String source) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new UnparseableOutputException(source + ": not valid JSON ("
                    + e.getOriginalMessage() + DockerJson.at(e) + ")", e);
        }
        // `ip -j route` on a table with no entries prints nothing at all on some iproute2 versions.
        if (root == null || root.isMissingNode()) {
            return JSON.createArrayNode();
        }
        if (!root.isArray()) {
            throw new UnparseableOutputException(source + ": expected a JSON array, got " + root.getNodeType());
        }
        return root;
    }

    private static JsonNode required(JsonNode node, String field, String source) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            throw new UnparseableOutputException(source + ": an entry has no \"" + field + "\": " + node);
        }
        return value;
    }

    private static Optional<String> text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? Optional.empty() : Optional.of(value.asText());
    }
}
