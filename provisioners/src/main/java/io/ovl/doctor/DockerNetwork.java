package io.ovl.doctor;

import com.fasterxml.jackson.databind.JsonNode;
import io.ovl.addressing.Prefix;
import io.ovl.facts.DockerJson;
import io.ovl.facts.UnparseableOutputException;
import java.util.ArrayList;
import java.util.List;

/**
 * A Docker network on a host, from {@code docker network inspect ID...}: only what the subnet
 * overlap check needs. (Kept here until io.ovl.facts has a parser for it.)
 */
public record DockerNetwork(String name, String driver, String scope, List<Prefix> subnets) {

    public DockerNetwork {
        subnets = List.copyOf(subnets);
    }

    /** @throws UnparseableOutputException for text that is not a JSON array of networks */
    public static List<DockerNetwork> parseInspect(String json) {
        String source = "output of `docker network inspect`";
        JsonNode root = DockerJson.array(json, source);
        List<DockerNetwork> out = new ArrayList<>();
        for (JsonNode n : root) {
            List<Prefix> subnets = new ArrayList<>();
            for (JsonNode c : n.path("IPAM").path("Config")) {
                // Docker prints subnets it made itself in canonical form; skip anything else
                // rather than fail the whole host on one odd entry.
                Prefix.tryParse(c.path("Subnet").asText("")).ifPresent(subnets::add);
            }
            out.add(new DockerNetwork(n.path("Name").asText(""), n.path("Driver").asText(""),
                    n.path("Scope").asText(""), subnets));
        }
        return List.copyOf(out);
    }
}
