package io.ovl.doctor;

import io.ovl.topology.Topology;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What the checks evaluate: the topology, every host's gathered facts (topology order) and, when
 * the port probe ran, its outcome.
 */
public record DoctorContext(Topology topology, List<GatheredHost> hosts, Optional<ProbeReport> probes) {
    public DoctorContext {
        Objects.requireNonNull(topology, "topology");
        hosts = List.copyOf(hosts);
        Objects.requireNonNull(probes, "probes");
    }

    public List<GatheredHost> reachedHosts() {
        return hosts.stream().filter(GatheredHost::reached).toList();
    }

    public Optional<GatheredHost> host(String name) {
        return hosts.stream().filter(h -> h.name().equals(name)).findFirst();
    }
}
