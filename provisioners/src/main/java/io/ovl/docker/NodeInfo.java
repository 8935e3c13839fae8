package io.ovl.docker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ovl.facts.UnparseableOutputException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@code GET /info} (the same JSON as {@code docker info --format '{{json .}}'}) says about one
 * engine's place in a swarm.
 *
 * @param clusterId      the swarm's ID; only a manager knows it (a worker's info has no Cluster)
 * @param clusterLabels  labels on the swarm's spec (manager only); ovl marks its own swarm there
 * @param remoteManagers "ADDR:2377" of the managers this node knows
 * @param clusterStore   a kv-mode --cluster-store, which swarm mode cannot live with
 */
public record NodeInfo(String serverVersion, LocalState state, String nodeId, String nodeAddr, boolean controlAvailable,
                       Optional<String> clusterId, Map<String, String> clusterLabels, List<String> remoteManagers,
                       String error, Optional<String> clusterStore) {
    private static final ObjectMapper JSON = new ObjectMapper();

    public NodeInfo {
        Objects.requireNonNull(serverVersion, "serverVersion");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(nodeId, "nodeId");
        Objects.requireNonNull(nodeAddr, "nodeAddr");
        Objects.requireNonNull(clusterId, "clusterId");
        clusterLabels = Map.copyOf(clusterLabels);
        remoteManagers = List.copyOf(remoteManagers);
        Objects.requireNonNull(error, "error");
        Objects.requireNonNull(clusterStore, "clusterStore");
    }

    public static NodeInfo parse(String json) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (IOException e) {
            throw new UnparseableOutputException("docker info: not JSON: " + e.getMessage());
        }
        return of(root);
    }

    /** The same from the parsed answer (as docker-java keeps it: see {@link DockerJavaSwarmApi}). */
    public static NodeInfo of(JsonNode root) {
        if (root == null || !root.isObject() || !root.has("ServerVersion")) {
            throw new UnparseableOutputException("docker info: no ServerVersion in the answer");
        }
        JsonNode swarm = root.path("Swarm");
        JsonNode cluster = swarm.path("Cluster");
        Map<String, String> labels = new LinkedHashMap<>();
        cluster.path("Spec").path("Labels").fields().forEachRemaining(e -> labels.put(e.getKey(), e.getValue().asText()));
        List<String> managers = new ArrayList<>();
        swarm.path("RemoteManagers").forEach(m -> managers.add(m.path("Addr").asText()));
        return new NodeInfo(
                root.path("ServerVersion").asText(),
                LocalState.parse(swarm.path("LocalNodeState").asText("")),
                swarm.path("NodeID").asText(""),
                swarm.path("NodeAddr").asText(""),
                swarm.path("ControlAvailable").asBoolean(false),
                text(cluster.path("ID")),
                labels,
                managers,
                swarm.path("Error").asText(""),
                text(root.path("ClusterStore")));
    }

    /** A manager of an active swarm: it can answer for the whole swarm. */
    public boolean activeManager() {
        return state == LocalState.ACTIVE && controlAvailable && clusterId.isPresent();
    }

    /** The swarm carries ovl's mark (only a manager can tell). */
    public boolean markedByOvl() {
        return SwarmMark.VALUE.equals(clusterLabels.get(SwarmMark.LABEL));
    }

    private static Optional<String> text(JsonNode n) {
        return n.isTextual() && !n.asText().isBlank() ? Optional.of(n.asText()) : Optional.empty();
    }
}
