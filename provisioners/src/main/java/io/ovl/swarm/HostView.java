package io.ovl.swarm;

import io.ovl.docker.NodeInfo;
import io.ovl.topology.Host;
import io.ovl.topology.SwarmRole;
import java.util.Objects;
import java.util.Optional;

/**
 * One overlay host as read before planning: its role in the topology and what its engine said, or
 * why it could not be read.
 */
public record HostView(Host host, SwarmRole role, Optional<NodeInfo> info, Optional<String> unreadable) {
    public HostView {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(info, "info");
        Objects.requireNonNull(unreadable, "unreadable");
        if (info.isEmpty() && unreadable.isEmpty()) {
            throw new IllegalArgumentException("a host view needs the info or the reason it is missing");
        }
    }

    public static HostView read(Host host, SwarmRole role, NodeInfo info) {
        return new HostView(host, role, Optional.of(info), Optional.empty());
    }

    public static HostView unreadable(Host host, SwarmRole role, String why) {
        return new HostView(host, role, Optional.empty(), Optional.of(why));
    }

    public String name() {
        return host.name();
    }
}
