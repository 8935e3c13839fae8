package io.ovl.doctor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ovl.facts.UnparseableOutputException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One line of {@code docker node ls --format '{{json .}}'} on a swarm manager.
 *
 * @param status        "Ready", "Down", "Unknown" or "Disconnected"
 * @param availability  "Active", "Pause" or "Drain"
 * @param managerStatus "Leader", "Reachable", "Unreachable", or "" for a worker
 */
public record SwarmNodeRow(String id, String hostname, String status, String availability, String managerStatus,
                           String engineVersion) {
    private static final ObjectMapper JSON = new ObjectMapper();

    public SwarmNodeRow {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(hostname, "hostname");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(availability, "availability");
        Objects.requireNonNull(managerStatus, "managerStatus");
        Objects.requireNonNull(engineVersion, "engineVersion");
    }

    public static List<SwarmNodeRow> parseLines(String out) {
        List<SwarmNodeRow> rows = new ArrayList<>();
        for (String line : out.lines().map(String::strip).filter(l -> !l.isEmpty()).toList()) {
            JsonNode n;
            try {
                n = JSON.readTree(line);
            } catch (IOException e) {
                throw new UnparseableOutputException("output of `docker node ls --format '{{json .}}'`: not JSON: " + line);
            }
            if (n == null || !n.has("ID")) {
                throw new UnparseableOutputException("output of `docker node ls --format '{{json .}}'`: no ID in " + line);
            }
            rows.add(new SwarmNodeRow(n.path("ID").asText(), n.path("Hostname").asText(""), n.path("Status").asText(""),
                    n.path("Availability").asText(""), n.path("ManagerStatus").asText(""),
                    n.path("EngineVersion").asText("")));
        }
        return List.copyOf(rows);
    }

    public boolean manager() {
        return !managerStatus.isEmpty();
    }
}
