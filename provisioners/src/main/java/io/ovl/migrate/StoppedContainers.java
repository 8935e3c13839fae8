package io.ovl.migrate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ovl.facts.Fact;
import io.ovl.facts.UnparseableOutputException;
import io.ovl.ssh.CommandResult;
import io.ovl.ssh.RemoteCommand;
import io.ovl.ssh.RemoteShell;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The containers of a host that do not run (exited or created) with the networks they are
 * configured for. {@code docker network inspect} lists endpoints of running containers only, so a
 * stopped container on a kv overlay is found here: its {@code NetworkSettings.Networks} keeps the
 * kv network's ID, and {@code docker start} fails after the migration ("Could not attach to network
 * ID: not found", seen on the lab, Engine 20.10) until it is reconnected.
 *
 * <p>Two commands, as argument vectors: {@link #LIST} the IDs, then {@link #inspect} them.
 */
public final class StoppedContainers {
    /**
     * Full IDs, one a line; empty when every container runs. A crash-looping container ("restarting")
     * has no endpoint between attempts and is found here too. "dead" ones cannot start again: left out.
     */
    static final RemoteCommand LIST = RemoteCommand.of("docker", "container", "ls", "--all", "--quiet", "--no-trunc",
            "--filter", "status=exited", "--filter", "status=created", "--filter", "status=restarting");
    /** IDs per inspect: one remote argument must stay well under Linux's 128 KiB (about 65 bytes an ID). */
    static final int IDS_PER_INSPECT = 200;
    private static final ObjectMapper JSON = new ObjectMapper();

    private StoppedContainers() {
    }

    /**
     * One network entry of a stopped container.
     *
     * @param networkId the ID the container names; empty for one created and never started, which
     *                  names the network only by its key and finds the swarm network of that name at
     *                  start (seen on the lab), so it needs no reconnect
     * @param ipv4      {@code IPAMConfig.IPv4Address}, the {@code --ip} it was given; empty if none
     */
    public record ConfiguredNetwork(String name, String networkId, String ipv4) {
        public ConfiguredNetwork {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(networkId, "networkId");
            Objects.requireNonNull(ipv4, "ipv4");
        }
    }

    /** @param name without Docker's leading slash */
    public record Container(String name, String status, List<ConfiguredNetwork> networks) {
        public Container {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(status, "status");
            networks = List.copyOf(networks);
        }
    }

    /**
     * The host's stopped containers: {@link #LIST}, then {@link #inspect} in chunks. A container
     * removed between the two (a {@code docker run --rm} job ending) is no error: Docker still prints
     * the others and says "No such container" for it.
     */
    static Fact<List<Container>> read(RemoteShell shell) {
        Fact<List<String>> ids = Fact.of(shell, LIST, StoppedContainers::parseIds);
        if (!ids.isKnown()) {
            return Fact.unknown(ids.why());
        }
        List<String> all = ids.value().orElseThrow();
        List<Container> out = new ArrayList<>();
        for (int from = 0; from < all.size(); from += IDS_PER_INSPECT) {
            CommandResult r = shell.run(inspect(all.subList(from, Math.min(all.size(), from + IDS_PER_INSPECT))));
            if (!r.succeeded() && !onlyRemovedMeanwhile(r)) {
                return Fact.unknown("docker container inspect of " + all.size() + " stopped container(s) exited with "
                        + r.exitCode() + ": " + r.stderrText().strip());
            }
            try {
                out.addAll(r.stdoutText().isBlank() ? List.of() : parse(r.stdoutText()));
            } catch (UnparseableOutputException e) {
                return Fact.unknown(e.getMessage());
            }
        }
        return Fact.known(out);
    }

    private static boolean onlyRemovedMeanwhile(CommandResult r) {
        List<String> lines = r.stderrText().lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
        return !lines.isEmpty() && lines.stream().allMatch(l -> l.startsWith("Error: No such container")
                || l.startsWith("Error: No such object"));
    }

    static List<String> parseIds(String stdout) {
        return stdout.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
    }

    /** {@code docker container inspect} of the listed IDs (a JSON array). */
    static RemoteCommand inspect(List<String> ids) {
        List<String> argv = new ArrayList<>(List.of("docker", "container", "inspect", "--"));
        argv.addAll(ids);
        return RemoteCommand.of(argv);
    }

    static List<Container> parse(String inspectJson) {
        JsonNode root;
        try {
            root = JSON.readTree(inspectJson);
        } catch (IOException e) {
            throw new UnparseableOutputException("docker container inspect: not JSON: " + e.getMessage());
        }
        if (root == null || !root.isArray()) {
            throw new UnparseableOutputException("docker container inspect: expected a JSON array");
        }
        List<Container> out = new ArrayList<>();
        for (JsonNode c : root) {
            String name = c.path("Name").asText("");
            if (name.isEmpty()) {
                throw new UnparseableOutputException("docker container inspect: a container without Name");
            }
            List<ConfiguredNetwork> nets = new ArrayList<>();
            c.path("NetworkSettings").path("Networks").fields().forEachRemaining(e -> nets.add(new ConfiguredNetwork(
                    e.getKey(), e.getValue().path("NetworkID").asText(""),
                    e.getValue().path("IPAMConfig").path("IPv4Address").asText(""))));
            out.add(new Container(name.startsWith("/") ? name.substring(1) : name, c.path("State").path("Status")
                    .asText(""), nets));
        }
        return out;
    }
}
