package io.ovl.migrate;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One container to attach again after the migration, on its own host: the commands to run there,
 * each an argument vector (whoever prints or runs them quotes each argument).
 *
 * <p>Seen on Engine 20.10 (lab): after the restart without the store the container is stopped;
 * {@code docker start} then fails with "Could not attach to network ID: not found", because it
 * still names the kv network's ID. {@code network disconnect --force} by name drops that stale
 * endpoint, {@code network connect --ip} attaches it to the swarm network with its old address,
 * and then it starts.
 *
 * <p>A container that was stopped before the migration gets the same disconnect and connect, and
 * no start: it stays stopped, as its owner left it, and {@code docker start} works when they want it
 * (seen on the lab, Engine 20.10: connect on a stopped container only records the network, with its
 * {@code --ip}; the endpoint is made at start).
 *
 * @param attachments its kv networks, each with the address it had there
 */
public record Reconnect(String host, String container, List<Attachment> attachments) {
    public Reconnect {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(container, "container");
        attachments = List.copyOf(attachments);
    }

    /** True when the container was not running before the migration: it is reconnected, not started. */
    public boolean stopped() {
        return !attachments.isEmpty() && attachments.stream().allMatch(Attachment::stopped);
    }

    public List<List<String>> commands() {
        List<List<String>> out = new ArrayList<>();
        for (Attachment a : attachments) {
            out.add(List.of("docker", "network", "disconnect", "--force", a.network(), container));
            List<String> connect = new ArrayList<>(List.of("docker", "network", "connect"));
            if (!a.ipv4().isEmpty()) {
                connect.addAll(List.of("--ip", a.ipv4()));
            }
            connect.addAll(List.of(a.network(), container));
            out.add(List.copyOf(connect));
        }
        if (!stopped()) {
            out.add(List.of("docker", "start", container));
        }
        return List.copyOf(out);
    }
}
