package io.ovl.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ovl.facts.UnparseableOutputException;
import io.ovl.ssh.RemoteCommand;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A store container as {@code docker container inspect} shows it: its command (the member's
 * identity for etcd), image, whether it runs, and its named volumes with where each is on the host.
 * Pure parser, tested against the inspect output of a lab's etcd member.
 */
public record StoreContainerFacts(String name, String image, List<String> cmd, boolean running, List<Mount> mounts) {

    /** A named volume: its name, its path inside the container, and its directory on the host (Source). */
    public record Mount(String volume, String destination, String source) {
    }

    public StoreContainerFacts {
        cmd = List.copyOf(cmd);
        mounts = List.copyOf(mounts);
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    public static RemoteCommand inspect(String container) {
        return RemoteCommand.of("docker", "container", "inspect", "--format", "{{json .}}", container);
    }

    /** The output of {@code docker container inspect} (an array) or of {@code --format '{{json .}}'} (an object). */
    public static StoreContainerFacts parse(String json) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (IOException e) {
            throw new UnparseableOutputException("output of `docker container inspect`: not JSON: " + e.getMessage(), e);
        }
        if (root != null && root.isArray() && root.size() == 1) {
            root = root.get(0);
        }
        if (root == null || !root.path("Config").isObject()) {
            throw new UnparseableOutputException("output of `docker container inspect`: no Config object");
        }
        List<String> cmd = new ArrayList<>();
        root.path("Config").path("Cmd").forEach(c -> cmd.add(c.asText()));
        List<Mount> mounts = new ArrayList<>();
        for (JsonNode m : root.path("Mounts")) {
            if (m.path("Type").asText().equals("volume")) {
                mounts.add(new Mount(m.path("Name").asText(), m.path("Destination").asText(), m.path("Source").asText()));
            }
        }
        String name = root.path("Name").asText("");
        return new StoreContainerFacts(name.startsWith("/") ? name.substring(1) : name,
                root.path("Config").path("Image").asText(""), cmd, root.path("State").path("Running").asBoolean(false),
                mounts);
    }

    /** The named volume mounted at {@code destination}. */
    public Optional<Mount> mountAt(String destination) {
        return mounts.stream().filter(m -> m.destination().equals(destination)).findFirst();
    }
}
