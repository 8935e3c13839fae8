package io.ovl.cli.shell;

import io.ovl.topology.Host;
import io.ovl.topology.NetworkSpec;
import io.ovl.topology.Topology;
import java.util.List;

/** The names the shell completes from the topology: hosts and overlay networks, in file order. */
public record TopologyNames(List<String> hosts, List<String> networks) {
    public static final TopologyNames NONE = new TopologyNames(List.of(), List.of());

    public TopologyNames {
        hosts = List.copyOf(hosts);
        networks = List.copyOf(networks);
    }

    public static TopologyNames of(Topology topology) {
        return new TopologyNames(topology.hosts().stream().map(Host::name).toList(),
                topology.networks().stream().map(NetworkSpec::name).toList());
    }

    /** The names that fit a parameter, by what its label says it takes. */
    List<String> of(NameKind kind) {
        return kind == NameKind.HOST ? hosts : networks;
    }

    enum NameKind { HOST, NETWORK }
}
