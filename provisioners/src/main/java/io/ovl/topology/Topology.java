package io.ovl.topology;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One cluster as described by a topology file. Obtain it from {@link TopologyLoader}, which only
 * hands out a topology that passed {@link TopologyValidator}.
 */
public record Topology(
        int version,
        Mode mode,
        SshSettings ssh,
        Optional<KvStore> kvStore,
        Optional<SwarmSettings> swarm,
        List<Host> hosts,
        List<NetworkSpec> networks) {

    public static final int CURRENT_VERSION = 1;

    public Topology {
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(ssh, "ssh");
        Objects.requireNonNull(kvStore, "kvStore");
        Objects.requireNonNull(swarm, "swarm");
        hosts = List.copyOf(hosts);
        networks = List.copyOf(networks);
    }

    public Optional<Host> host(String name) {
        return hosts.stream().filter(h -> h.name().equals(name)).findFirst();
    }

    /** Hosts that take part in the overlay (not, e.g., a dedicated KV host with overlay: false). */
    public List<Host> overlayHosts() {
        return hosts.stream().filter(Host::overlay).toList();
    }

    /** Swarm settings in effect: as written, or the defaults. */
    public SwarmSettings swarmSettings() {
        return swarm.orElse(SwarmSettings.DEFAULTS);
    }

    /**
     * The effective swarm role of an overlay host: the declared role, else manager for the first
     * overlay host and worker for the others. Empty for hosts outside the overlay.
     */
    public Optional<SwarmRole> swarmRole(Host host) {
        if (!host.overlay()) {
            return Optional.empty();
        }
        if (host.role().isPresent()) {
            return host.role();
        }
        List<Host> overlay = overlayHosts();
        boolean first = !overlay.isEmpty() && overlay.get(0).equals(host);
        return Optional.of(first ? SwarmRole.MANAGER : SwarmRole.WORKER);
    }
}
