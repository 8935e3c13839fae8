package io.ovl.doctor;

import io.ovl.facts.Protocol;
import io.ovl.topology.Host;
import io.ovl.topology.KvStore;
import io.ovl.topology.Mode;
import io.ovl.topology.NetworkSpec;
import io.ovl.topology.SwarmRole;
import io.ovl.topology.Topology;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Which ports each host needs, from the topology: 7946 tcp+udp (gossip) and the VXLAN data port
 * between every pair of overlay hosts; the KV store's port from every overlay host to the store
 * hosts (kv mode, store run by ovl); 2377 tcp from every overlay host to the swarm managers.
 */
public final class OverlayPorts {
    public static final int GOSSIP_PORT = 7946;
    public static final int KV_DATA_PORT = 4789;
    public static final int SWARM_MANAGEMENT_PORT = 2377;
    /** IPsec ESP, which an encrypted overlay wraps its VXLAN traffic in (IP protocol number, no port). */
    public static final int ESP_PROTOCOL = 50;
    /** Processes that serve a KV store ovl runs (with host networking, or published by docker-proxy). */
    static final Set<String> STORE_HOLDERS = Set.of("etcd", "consul", "java", "docker-proxy");

    private OverlayPorts() {
    }

    public static List<PortNeed> needs(Topology topology, Host host) {
        List<PortNeed> out = new ArrayList<>();
        if (host.overlay()) {
            Set<String> peers = others(topology.overlayHosts(), host);
            int dataPort = topology.mode() == Mode.SWARM ? topology.swarmSettings().dataPathPort() : KV_DATA_PORT;
            out.add(new PortNeed(Protocol.TCP, GOSSIP_PORT, "overlay gossip", Set.of("dockerd"), peers));
            out.add(new PortNeed(Protocol.UDP, GOSSIP_PORT, "overlay gossip", Set.of("dockerd"), peers));
            out.add(new PortNeed(Protocol.UDP, dataPort, "VXLAN data", Set.of(""), peers));
            if (topology.mode() == Mode.SWARM && topology.swarmRole(host).orElse(SwarmRole.WORKER) == SwarmRole.MANAGER) {
                out.add(new PortNeed(Protocol.TCP, SWARM_MANAGEMENT_PORT, "swarm management", Set.of("dockerd"), peers));
            }
        }
        if (topology.mode() == Mode.KV && topology.kvStore().isPresent()) {
            KvStore kv = topology.kvStore().get();
            if (!kv.isExternal() && kv.hosts().contains(host.name())) {
                out.add(new PortNeed(Protocol.TCP, kv.port(), "KV store (" + kv.backend().key() + ")", STORE_HOLDERS,
                        others(topology.overlayHosts(), host)));
            }
        }
        return List.copyOf(out);
    }

    /**
     * IP protocol 50 from every other overlay host, when the topology declares an encrypted network:
     * Docker then sends that network's VXLAN traffic inside ESP, which firewalls and cloud security
     * groups that allow only TCP and UDP drop. Not a port to bind, so not part of {@link #needs}:
     * only the probe and the esp.reachable check use it. Either mode counts: the model allows
     * {@code encrypted} in kv mode too.
     */
    public static Optional<PortNeed> esp(Topology topology, Host host) {
        if (!host.overlay() || encryptedNetworks(topology).isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new PortNeed(Protocol.ESP, ESP_PROTOCOL, "encrypted overlay (ESP)", Set.of(),
                others(topology.overlayHosts(), host)));
    }

    /** Names of the topology's networks with the encrypted option, in topology order. */
    public static List<String> encryptedNetworks(Topology topology) {
        return topology.networks().stream().filter(NetworkSpec::encrypted).map(NetworkSpec::name).toList();
    }

    private static Set<String> others(List<Host> hosts, Host self) {
        Set<String> names = new LinkedHashSet<>();
        hosts.stream().filter(h -> !h.name().equals(self.name())).forEach(h -> names.add(h.name()));
        return names;
    }
}
