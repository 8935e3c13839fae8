package io.ovl.topology;

import java.net.URI;
import java.util.List;
import java.util.Optional;

/** Small hand-built topologies for rule tests; each test changes only what it is about. */
final class Topologies {
    private Topologies() {
    }

    static Host host(String name, String address) {
        return Host.of(name, address);
    }

    static Host role(String name, SwarmRole role) {
        return new Host(name, "198.18.0." + Math.abs(name.hashCode() % 200), true, Optional.empty(), Optional.of(role), SshSettings.DEFAULTS);
    }

    static Topology kv(KvStore store, List<Host> hosts) {
        return new Topology(1, Mode.KV, SshSettings.DEFAULTS, Optional.of(store), Optional.empty(), hosts, List.of());
    }

    static Topology kvOn(String... storeHosts) {
        return kv(KvStore.onHosts(KvBackend.CONSUL, List.of(storeHosts)),
                List.of(host("kv1", "198.18.0.10"), host("kv2", "198.18.0.11"), host("kv3", "198.18.0.12"),
                        host("kv4", "198.18.0.13"), host("kv5", "198.18.0.14"), host("kv6", "198.18.0.15")));
    }

    static Topology external(KvBackend backend, String url) {
        return kv(KvStore.external(backend, URI.create(url)), List.of(host("a", "198.18.0.1")));
    }

    static Topology swarm(List<Host> hosts) {
        return new Topology(1, Mode.SWARM, SshSettings.DEFAULTS, Optional.empty(), Optional.empty(), hosts, List.of());
    }

    static Topology withNetworks(List<NetworkSpec> networks) {
        return new Topology(1, Mode.SWARM, SshSettings.DEFAULTS, Optional.empty(), Optional.empty(),
                List.of(host("a", "198.18.0.1")), networks);
    }
}
