package io.ovl.facts;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What doctor needs from {@code docker info --format '{{json .}}'}.
 *
 * @param id               the engine ID; hosts cloned from one image share it, and the cluster
 *                         store then confuses them
 * @param name             the daemon's host name, which the store keys on
 * @param swarmState       Swarm.LocalNodeState: "inactive", "pending", "active", "error", "locked"
 * @param clusterStore     the --cluster-store dockerd runs with; absent when unset and on Engine
 *                         23+, which no longer reports the field
 * @param clusterAdvertise the --cluster-advertise dockerd runs with, as dockerd resolved it ("198.18.0.11:2376")
 * @param warnings         dockerd's own warnings, e.g. the cluster-store deprecation notice
 */
public record DockerInfo(String id, String name, EngineVersion serverVersion, String swarmState,
                         Optional<String> clusterStore, Optional<String> clusterAdvertise, List<String> warnings,
                         String kernelVersion, String operatingSystem) {

    public DockerInfo {
        warnings = List.copyOf(warnings);
    }

    /**
     * @throws UnparseableOutputException for invalid JSON, and when the CLI could not reach dockerd
     *                                    (it then prints empty server fields and "ServerErrors")
     */
    public static DockerInfo parse(String json) {
        String source = "output of `docker info --format '{{json .}}'`";
        JsonNode root = DockerJson.object(json, source);
        JsonNode serverErrors = root.path("ServerErrors");
        // With dockerd down, `docker info` still exits 0: every server field is "" and ServerErrors says why.
        if (serverErrors.isArray() && !serverErrors.isEmpty() && root.path("ID").asText("").isEmpty()) {
            List<String> errors = new ArrayList<>();
            serverErrors.forEach(e -> errors.add(e.asText()));
            throw new UnparseableOutputException(source + ": the docker CLI could not reach dockerd: "
                    + String.join("; ", errors));
        }
        List<String> warnings = new ArrayList<>();
        root.path("Warnings").forEach(w -> warnings.add(w.asText()));
        return new DockerInfo(
                DockerJson.requiredText(root, "ID", source),
                DockerJson.requiredText(root, "Name", source),
                EngineVersion.parse(DockerJson.requiredText(root, "ServerVersion", source)),
                DockerJson.optionalText(root.path("Swarm"), "LocalNodeState").orElse("inactive"),
                DockerJson.optionalText(root, "ClusterStore"),
                DockerJson.optionalText(root, "ClusterAdvertise"),
                warnings,
                DockerJson.optionalText(root, "KernelVersion").orElse(""),
                DockerJson.optionalText(root, "OperatingSystem").orElse(""));
    }

    /** True when this engine is a member of a swarm (or trying to be): kv mode must not be used then. */
    public boolean swarmActive() {
        return !swarmState.equals("inactive");
    }

    /** See {@link EngineVersion#supportsClusterStore()}. */
    public boolean supportsClusterStore() {
        return serverVersion.supportsClusterStore();
    }
}
