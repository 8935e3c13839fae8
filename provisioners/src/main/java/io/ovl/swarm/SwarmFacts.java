package io.ovl.swarm;

import io.ovl.core.OvlException;
import io.ovl.docker.NodeInfo;
import io.ovl.docker.SwarmApi;
import io.ovl.hosts.HostResult;
import io.ovl.hosts.OpenHosts;
import io.ovl.topology.Host;
import io.ovl.topology.SwarmRole;
import io.ovl.topology.Topology;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything the swarm planners read, before any change: every overlay host's {@code GET /info},
 * and the swarm as one of its managers lists it.
 *
 * @param cluster empty when no topology host manages an active swarm
 */
public record SwarmFacts(List<HostView> hosts, Optional<ClusterView> cluster) {
    public SwarmFacts {
        hosts = List.copyOf(hosts);
        Objects.requireNonNull(cluster, "cluster");
    }

    public Optional<HostView> host(String name) {
        return hosts.stream().filter(h -> h.name().equals(name)).findFirst();
    }

    /** Reads the facts over the open sessions; read-only. */
    public static SwarmFacts read(Topology topology, OpenHosts sessions) {
        List<Host> overlay = topology.overlayHosts();
        List<HostResult<NodeInfo>> infos = sessions.parallel().forEach(overlay, Host::name,
                h -> sessions.require(h.name()).swarm().info());
        List<HostView> views = new ArrayList<>();
        for (int i = 0; i < overlay.size(); i++) {
            Host h = overlay.get(i);
            SwarmRole role = topology.swarmRole(h).orElse(SwarmRole.WORKER);
            HostResult<NodeInfo> r = infos.get(i);
            views.add(r.value().map(info -> HostView.read(h, role, info)).orElseGet(() -> HostView.unreadable(h, role,
                    r.error().map(OvlException::getMessage).orElse("cannot read docker info"))));
        }
        Optional<HostView> manager = clusterManager(views);
        Optional<ClusterView> cluster = manager.map(m -> {
            SwarmApi api = sessions.require(m.name()).swarm();
            NodeInfo info = m.info().orElseThrow();
            return new ClusterView(m.name(), info.clusterId().orElseThrow(), info.markedByOvl(), api.nodes(),
                    api.networks());
        });
        return new SwarmFacts(views, cluster);
    }

    /**
     * The host that answers for "the" swarm: the first topology manager that manages an active swarm,
     * else any overlay host that does (a swarm ovl would join the others to only with --force).
     */
    static Optional<HostView> clusterManager(List<HostView> views) {
        return views.stream()
                .filter(v -> v.info().map(NodeInfo::activeManager).orElse(false))
                .min(Comparator.comparing((HostView v) -> v.role() == SwarmRole.MANAGER ? 0 : 1));
    }
}
