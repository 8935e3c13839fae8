package io.ovl.docker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ovl.facts.UnparseableOutputException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One node as a manager lists it ({@code GET /nodes}).
 *
 * @param role         "manager" or "worker"
 * @param availability "active", "pause" or "drain"
 * @param state        "ready", "down", "unknown" or "disconnected"
 * @param reachability a manager's "reachable", "unreachable" or "unknown"; "" for a worker
 */
public record SwarmNode(String id, String hostname, String addr, String role, String availability, String state,
                        String reachability, String engineVersion) {
    private static final ObjectMapper JSON = new ObjectMapper();

    public SwarmNode {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(hostname, "hostname");
        Objects.requireNonNull(addr, "addr");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(availability, "availability");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(reachability, "reachability");
        Objects.requireNonNull(engineVersion, "engineVersion");
    }

    public static List<SwarmNode> parseList(String json) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (IOException e) {
            throw new UnparseableOutputException("swarm nodes: not JSON: " + e.getMessage());
        }
        return parseList(root);
    }

    /** The same from the parsed answer (as docker-java keeps it: see {@link DockerJavaSwarmApi}). */
    public static List<SwarmNode> parseList(JsonNode root) {
        if (root == null || !root.isArray()) {
            throw new UnparseableOutputException("swarm nodes: expected a JSON array");
        }
        List<SwarmNode> nodes = new ArrayList<>();
        for (JsonNode n : root) {
            nodes.add(new SwarmNode(
                    n.path("ID").asText(),
                    n.path("Description").path("Hostname").asText(""),
                    n.path("Status").path("Addr").asText(""),
                    n.path("Spec").path("Role").asText(""),
                    n.path("Spec").path("Availability").asText(""),
                    n.path("Status").path("State").asText(""),
                    n.path("ManagerStatus").path("Reachability").asText(""),
                    n.path("Description").path("Engine").path("EngineVersion").asText("")));
        }
        return List.copyOf(nodes);
    }

    public boolean manager() {
        return "manager".equals(role);
    }
}
