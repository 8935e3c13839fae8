package io.ovl.facts;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/**
 * The output of {@code docker version --format '{{json .}}'}.
 *
 * @param server absent when the client could not reach dockerd (the CLI then prints
 *               "Server": null and exits non-zero)
 */
public record DockerVersion(String clientVersion, String clientApiVersion, Optional<Server> server) {

    /** The daemon's half of {@code docker version}. */
    public record Server(EngineVersion version, String apiVersion, String minApiVersion, String os, String arch,
                         String kernelVersion) {
    }

    /** @throws UnparseableOutputException for invalid JSON or a missing Client/Server field */
    public static DockerVersion parse(String json) {
        String source = "output of `docker version --format '{{json .}}'`";
        JsonNode root = DockerJson.object(json, source);
        JsonNode client = root.path("Client");
        JsonNode server = root.path("Server");
        Optional<Server> parsedServer = Optional.empty();
        if (server.isObject()) {
            String s = source + " Server";
            parsedServer = Optional.of(new Server(
                    EngineVersion.parse(DockerJson.requiredText(server, "Version", s)),
                    DockerJson.requiredText(server, "ApiVersion", s),
                    DockerJson.optionalText(server, "MinAPIVersion").orElse(""),
                    DockerJson.optionalText(server, "Os").orElse(""),
                    DockerJson.optionalText(server, "Arch").orElse(""),
                    DockerJson.optionalText(server, "KernelVersion").orElse("")));
        }
        return new DockerVersion(DockerJson.requiredText(client, "Version", source + " Client"),
                DockerJson.requiredText(client, "ApiVersion", source + " Client"), parsedServer);
    }
}
