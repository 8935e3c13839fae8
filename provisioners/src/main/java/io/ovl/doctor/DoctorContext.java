package io.ovl.doctor;

import io.ovl.facts.Fact;
import io.ovl.kv.StoreAnswer;
import io.ovl.topology.Topology;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What the checks evaluate: the topology, every host's gathered facts (topology order), when the
 * port probe ran its outcome, and the KV store's health as each overlay host saw it (host name ->
 * one answer per store endpoint; hosts that were not asked are absent), and with kv-store.tls the
 * TLS files missing on each overlay host (hosts not asked are absent).
 */
public record DoctorContext(Topology topology, List<GatheredHost> hosts, Optional<ProbeReport> probes,
                            Map<String, List<StoreAnswer>> storeHealth, Map<String, Fact<List<String>>> tlsFilesMissing) {
    public DoctorContext {
        Objects.requireNonNull(topology, "topology");
        hosts = List.copyOf(hosts);
        Objects.requireNonNull(probes, "probes");
        storeHealth = Map.copyOf(storeHealth);
        tlsFilesMissing = Map.copyOf(tlsFilesMissing);
    }

    public DoctorContext(Topology topology, List<GatheredHost> hosts, Optional<ProbeReport> probes,
                         Map<String, List<StoreAnswer>> storeHealth) {
        this(topology, hosts, probes, storeHealth, Map.of());
    }

    public DoctorContext(Topology topology, List<GatheredHost> hosts, Optional<ProbeReport> probes) {
        this(topology, hosts, probes, Map.of());
    }

    public List<GatheredHost> reachedHosts() {
        return hosts.stream().filter(GatheredHost::reached).toList();
    }

    public Optional<GatheredHost> host(String name) {
        return hosts.stream().filter(h -> h.name().equals(name)).findFirst();
    }
}
