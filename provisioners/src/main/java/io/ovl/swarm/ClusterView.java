package io.ovl.swarm;

import io.ovl.docker.SwarmNetwork;
import io.ovl.docker.SwarmNode;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The swarm the topology's hosts belong to, as one of its managers sees it.
 *
 * @param managerHost the topology host whose engine answered for the swarm
 */
public record ClusterView(String managerHost, String clusterId, boolean markedByOvl, List<SwarmNode> nodes,
                          List<SwarmNetwork> networks) {
    public ClusterView {
        Objects.requireNonNull(managerHost, "managerHost");
        Objects.requireNonNull(clusterId, "clusterId");
        nodes = List.copyOf(nodes);
        networks = List.copyOf(networks);
    }

    public Optional<SwarmNode> node(String nodeId) {
        return nodes.stream().filter(n -> n.id().equals(nodeId)).findFirst();
    }

    public Optional<SwarmNetwork> overlay(String name) {
        return networks.stream().filter(n -> n.name().equals(name) && n.swarmOverlay()).findFirst();
    }
}
