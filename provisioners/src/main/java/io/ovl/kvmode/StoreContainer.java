package io.ovl.kvmode;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ovl.facts.UnparseableOutputException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * A KV store container as it exists on a host, from {@code docker container inspect --format
 * '{{json .}}' NAME}: enough to tell whether it is the one the plan wants.
 *
 * @param cmd the container's command (Config.Cmd), compared with the rendered spec's
 */
public record StoreContainer(String name, String image, List<String> cmd, boolean running) {
    private static final ObjectMapper JSON = new ObjectMapper();

    public StoreContainer {
        cmd = List.copyOf(cmd);
    }

    public static StoreContainer parseInspect(String json) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (IOException e) {
            throw new UnparseableOutputException("output of `docker container inspect`: not JSON: " + e.getMessage(), e);
        }
        if (root == null || !root.isObject() || !root.path("Config").isObject()) {
            throw new UnparseableOutputException("output of `docker container inspect`: no Config object");
        }
        List<String> cmd = new ArrayList<>();
        root.path("Config").path("Cmd").forEach(c -> cmd.add(c.asText()));
        String name = root.path("Name").asText("");
        return new StoreContainer(name.startsWith("/") ? name.substring(1) : name,
                root.path("Config").path("Image").asText(""), cmd, root.path("State").path("Running").asBoolean(false));
    }
}
