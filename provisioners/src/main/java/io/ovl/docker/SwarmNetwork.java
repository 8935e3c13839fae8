package io.ovl.docker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ovl.facts.UnparseableOutputException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** One network as {@code GET /networks} lists it, reduced to what init and reset compare. */
public record SwarmNetwork(String id, String name, String driver, String scope, List<String> subnets,
                           boolean attachable, boolean encrypted, List<String> containers) {
    private static final ObjectMapper JSON = new ObjectMapper();

    public SwarmNetwork {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(driver, "driver");
        Objects.requireNonNull(scope, "scope");
        subnets = List.copyOf(subnets);
        containers = List.copyOf(containers);
    }

    public static List<SwarmNetwork> parseList(String json) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (IOException e) {
            throw new UnparseableOutputException("networks: not JSON: " + e.getMessage());
        }
        return parseList(root);
    }

    /** The same from the parsed answer (as docker-java keeps it: see {@link DockerJavaSwarmApi}). */
    public static List<SwarmNetwork> parseList(JsonNode root) {
        if (root == null || !root.isArray()) {
            throw new UnparseableOutputException("networks: expected a JSON array");
        }
        List<SwarmNetwork> out = new ArrayList<>();
        for (JsonNode n : root) {
            List<String> subnets = new ArrayList<>();
            n.path("IPAM").path("Config").forEach(c -> {
                if (c.hasNonNull("Subnet")) {
                    subnets.add(c.path("Subnet").asText());
                }
            });
            List<String> containers = new ArrayList<>();
            n.path("Containers").fields().forEachRemaining(e -> containers.add(e.getValue().path("Name").asText(e.getKey())));
            out.add(new SwarmNetwork(n.path("Id").asText(), n.path("Name").asText(), n.path("Driver").asText(),
                    n.path("Scope").asText(), subnets, n.path("Attachable").asBoolean(false),
                    n.path("Options").has("encrypted"), containers));
        }
        return List.copyOf(out);
    }

    /** An overlay network of the swarm (not a host's local bridge of the same name). */
    public boolean swarmOverlay() {
        return "overlay".equals(driver) && "swarm".equals(scope);
    }
}
