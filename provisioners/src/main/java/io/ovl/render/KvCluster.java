package io.ovl.render;

import io.ovl.core.HostPort;
import io.ovl.topology.KvBackend;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The KV store ovl runs: backend, members (1, 3 or 5, so a majority survives a lost host), the
 * client port dockerd connects to, the image, and with {@code tls} the files (on every member's
 * host) that make it speak TLS to clients and peers (etcd only).
 */
public record KvCluster(KvBackend backend, List<KvNode> nodes, int clientPort, String image, Optional<StoreTls> tls) {

    public KvCluster(KvBackend backend, List<KvNode> nodes, int clientPort, String image) {
        this(backend, nodes, clientPort, image, Optional.empty());
    }

    public KvCluster {
        nodes = List.copyOf(nodes);
        if (!List.of(1, 3, 5).contains(nodes.size())) {
            throw new IllegalArgumentException("a KV store has 1, 3 or 5 nodes, got " + nodes.size());
        }
        Set<String> names = new HashSet<>();
        Set<String> addresses = new HashSet<>();
        for (KvNode n : nodes) {
            if (!names.add(n.name()) || !addresses.add(n.address())) {
                throw new IllegalArgumentException("KV nodes must have distinct names and addresses: " + n);
            }
        }
        if (clientPort < 1 || clientPort > 65535) {
            throw new IllegalArgumentException("KV client port out of range: " + clientPort);
        }
        if (image.isBlank()) {
            throw new IllegalArgumentException("KV image must not be empty");
        }
        if (tls.isPresent() && backend != KvBackend.ETCD) {
            throw new IllegalArgumentException("ovl starts a TLS store for etcd only, not " + backend.key());
        }
    }

    /** "HOST:PORT" of every member, for --cluster-store. */
    public List<String> endpoints() {
        return nodes.stream().map(n -> HostPort.of(n.address(), clientPort)).toList();
    }

    KvNode node(String name) {
        return nodes.stream().filter(n -> n.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no KV node named '" + name + "' in "
                        + nodes.stream().map(KvNode::name).toList()));
    }
}
