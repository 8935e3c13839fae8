package io.ovl.doctor;

import io.ovl.addressing.Prefix;
import io.ovl.core.Finding;
import io.ovl.topology.Host;
import io.ovl.topology.KvBackend;
import io.ovl.topology.KvStore;
import io.ovl.topology.Mode;
import io.ovl.topology.NetworkSpec;
import io.ovl.topology.SshSettings;
import io.ovl.topology.Topology;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Topologies shaped like the lab's (store on h1, overlay on h2 and h3) and contexts over fake facts. */
final class Labs {
    static final Host H1 = new Host("h1", "198.18.144.11", false, Optional.empty(), Optional.empty(), SshSettings.DEFAULTS);
    static final Host H2 = Host.of("h2", "198.18.144.12");
    static final Host H3 = Host.of("h3", "198.18.144.13");
    static final NetworkSpec LABNET = NetworkSpec.of("labnet", Prefix.parse("172.16.16.0/24"));

    private Labs() {
    }

    static Topology kv(List<Host> hosts, List<NetworkSpec> networks) {
        return new Topology(1, Mode.KV, SshSettings.DEFAULTS, Optional.of(KvStore.onHosts(KvBackend.ETCD, List.of("h1"))),
                Optional.empty(), hosts, networks);
    }

    static Topology kv() {
        return kv(List.of(H1, H2, H3), List.of(LABNET));
    }

    static Topology swarm(List<Host> hosts) {
        return new Topology(1, Mode.SWARM, SshSettings.DEFAULTS, Optional.empty(), Optional.empty(), hosts, List.of(LABNET));
    }

    /** Facts per host name, in topology order; hosts missing from the map were not reached. */
    static DoctorContext context(Topology t, Map<String, HostFacts> facts) {
        return context(t, facts, Optional.empty());
    }

    static DoctorContext context(Topology t, Map<String, HostFacts> facts, Optional<ProbeReport> probes) {
        List<GatheredHost> hosts = new ArrayList<>();
        for (Host h : t.hosts()) {
            hosts.add(facts.containsKey(h.name()) ? GatheredHost.reached(h, facts.get(h.name()))
                    : GatheredHost.unreachable(h, "host " + h.name() + ": connect to " + h.address() + ":22: connection refused"));
        }
        return new DoctorContext(t, hosts, probes);
    }

    /** The healthy lab: real facts of h1 (store) and h2 (overlay) for both overlay hosts. */
    static Map<String, HostFacts> healthy() {
        Map<String, HostFacts> m = new LinkedHashMap<>();
        m.put("h1", FakeHost.of("h1-2010").facts());
        m.put("h2", FakeHost.of("h2-2010").facts());
        m.put("h3", FakeHost.of("h2-2010").answer(FactCommands.HOSTNAME, "doctor-h3\n")
                .edit(FactCommands.DOCKER_INFO, "h2-2010", "docker-info.json", "LQDE:UNIQ", "OTHR:UNIQ")
                .edit(FactCommands.IP_ADDR, "h2-2010", "ip-j-d-addr.json", "198.18.144.12", "198.18.144.13")
                .facts());
        return m;
    }

    /** The one verdict of {@code check} for {@code host}. */
    static Finding verdict(Check check, DoctorContext context, String host) {
        return check.evaluate(context).stream().filter(v -> v.host().equals(host)).findFirst().orElseThrow();
    }
}
