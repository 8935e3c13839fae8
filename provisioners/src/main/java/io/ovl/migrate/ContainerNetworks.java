package io.ovl.migrate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ovl.facts.UnparseableOutputException;
import io.ovl.ssh.RemoteCommand;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The networks a container is configured for, as {@code docker container inspect --format
 * '{{json .NetworkSettings.Networks}}'} prints them: network name to network ID. A stopped container
 * keeps its entries, so this tells whether it still names the old kv network or the swarm one.
 */
final class ContainerNetworks {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ContainerNetworks() {
    }

    /** Exit 1 with "No such container" on stderr when it does not exist. */
    static RemoteCommand inspect(String container) {
        return RemoteCommand.of("docker", "container", "inspect", "--format", "{{json .NetworkSettings.Networks}}",
                "--", container);
    }

    static Map<String, String> parse(String json) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (IOException e) {
            throw new UnparseableOutputException("container networks: not JSON: " + e.getMessage());
        }
        if (root == null || !root.isObject()) {
            throw new UnparseableOutputException("container networks: expected a JSON object");
        }
        Map<String, String> out = new LinkedHashMap<>();
        root.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().path("NetworkID").asText("")));
        return out;
    }
}
