package io.ovl.store;

import io.ovl.core.ExitCode;
import io.ovl.core.OvlException;
import io.ovl.kvmode.ClusterLayout;
import io.ovl.render.ContainerSpec;
import io.ovl.render.KvCluster;
import io.ovl.render.KvNode;
import io.ovl.render.KvStoreSpecs;
import io.ovl.render.StoreTls;
import io.ovl.topology.KvBackend;
import io.ovl.topology.Mode;
import io.ovl.topology.Topology;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The store ovl runs, as {@code ovl init} laid it out: one member per kv-store host, each a container
 * of the rendered spec ({@code templates/kv/BACKEND.yaml}) with its named data volumes.
 *
 * @param members in the topology's kv-store.hosts order
 * @param storePath the key prefix dockerd keeps its state under ("network")
 */
public record StoreLayout(KvBackend backend, List<Member> members, int clientPort, Optional<StoreTls> tls,
                          String storePath) {

    /**
     * One store member.
     *
     * @param address   the underlay IPv4 the member listens on
     * @param container the container's name ("ovl-kv-etcd")
     * @param program   the spec's command, whose first word names the store's binary ("/usr/local/bin/etcd")
     * @param volumes   the named volumes (not the TLS files bind-mounted from the host), volume to path inside
     */
    public record Member(String host, String address, int clientPort, String container, List<String> program,
                         Map<String, String> volumes) {
        public Member {
            program = List.copyOf(program);
            volumes = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(volumes));
        }

        /** "ADDR:PORT", as the store probes take it. */
        public String endpoint() {
            return address + ":" + clientPort;
        }
    }

    public StoreLayout {
        members = List.copyOf(members);
    }

    /**
     * @param underlay store hosts' underlay IPv4 resolved on their facts (see provision's StoreUnderlay)
     * @throws OvlException (USAGE) for swarm mode or a store ovl does not run (kv-store.url)
     */
    public static StoreLayout of(Topology topology, Map<String, String> underlay) {
        if (topology.mode() != Mode.KV) {
            throw new OvlException(ExitCode.USAGE, "ovl store works on the key-value store of mode: kv; this topology"
                    + " is mode: " + topology.mode().key() + " (swarm keeps its state in its managers' raft log)");
        }
        ClusterLayout layout = ClusterLayout.of(topology, underlay);
        KvCluster cluster = layout.cluster().orElseThrow(() -> new OvlException(ExitCode.USAGE,
                "kv-store.url names a store ovl does not run; back it up and restore it with its own tools"
                        + " (etcdctl, consul snapshot, ZooKeeper's data directory)"));
        List<Member> members = cluster.nodes().stream().map(n -> member(cluster, n)).toList();
        return new StoreLayout(cluster.backend(), members, cluster.clientPort(), cluster.tls(), layout.storePath());
    }

    private static Member member(KvCluster cluster, KvNode node) {
        ContainerSpec spec = KvStoreSpecs.render(cluster, node.name());
        Map<String, String> volumes = new java.util.LinkedHashMap<>();
        spec.volumes().stream().filter(v -> !v.hostPath()).forEach(v -> volumes.put(v.volume(), v.path()));
        return new Member(node.name(), node.address(), cluster.clientPort(), spec.name(), spec.cmd(), volumes);
    }

    /** "http" or "https": how clients reach the store. */
    public String clientScheme() {
        return tls.isPresent() ? "https" : "http";
    }

    /** The client URL of every member, "http://ADDR:PORT". */
    public List<String> clientUrls() {
        return members.stream().map(m -> clientScheme() + "://" + m.endpoint()).toList();
    }

    public Member member(String host) {
        return members.stream().filter(m -> m.host().equals(host)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no store member on " + host));
    }
}
