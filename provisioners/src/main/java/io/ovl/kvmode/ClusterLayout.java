package io.ovl.kvmode;

import io.ovl.core.HostPort;
import io.ovl.core.ExitCode;
import io.ovl.core.OvlException;
import io.ovl.render.ClusterSettings;
import io.ovl.render.KvCluster;
import io.ovl.render.KvNode;
import io.ovl.render.StoreTls;
import io.ovl.topology.Host;
import io.ovl.topology.KvBackend;
import io.ovl.topology.KvStore;
import io.ovl.topology.Mode;
import io.ovl.topology.Topology;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What a kv-mode topology means for init: the store ovl runs (or the external one it points at),
 * and the cluster settings each overlay host's dockerd gets.
 *
 * @param cluster   the store ovl runs, empty for an external store
 * @param endpoints "ADDR:PORT" of every store member, in the order dockerd tries them
 * @param tls       the files every dockerd uses for TLS to the store (kv-store.tls), when configured
 */
public record ClusterLayout(KvBackend backend, Optional<KvCluster> cluster, List<String> endpoints, String storePath,
                            Optional<StoreTls> tls) {

    /** The key prefix dockerd keeps network state under, as in Docker's guides. */
    public static final String DEFAULT_STORE_PATH = "network";
    /** The --cluster-advertise port of Docker's guides. */
    public static final int ADVERTISE_PORT = 2376;
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    public ClusterLayout {
        endpoints = List.copyOf(endpoints);
        java.util.Objects.requireNonNull(tls, "tls");
    }

    /**
     * The layout known offline: a store host's address is its IPv4 {@code advertise}, else its
     * {@code address}. Where that is an interface name or a DNS name, only the host's facts tell the
     * address; init plans with {@link #of(Topology, Map)} and {@link StoreUnderlay#resolve}.
     *
     * @throws OvlException (USAGE) for a topology that is not in kv mode
     */
    public static ClusterLayout of(Topology topology) {
        return of(topology, Map.of());
    }

    /**
     * @param underlay the underlay IPv4 each store host is reached at, by host name, resolved on its
     *                 facts ({@link StoreUnderlay}); a host not in it gets the offline address
     * @throws OvlException (USAGE) for a topology that is not in kv mode
     */
    public static ClusterLayout of(Topology topology, Map<String, String> underlay) {
        if (topology.mode() != Mode.KV || topology.kvStore().isEmpty()) {
            throw new OvlException(ExitCode.USAGE, "ovl init and ovl reset handle mode: kv only (this topology is mode: "
                    + topology.mode().key() + "); swarm mode is not supported by init yet");
        }
        KvStore store = topology.kvStore().get();
        Optional<StoreTls> tls = store.tls().map(t -> new StoreTls(t.ca(), t.cert(), t.key()));
        if (tls.isPresent() && store.url().isEmpty() && store.backend() != KvBackend.ETCD) {
            // Validation refuses this too; init must never point dockerd's TLS at a plain-text store.
            throw new OvlException(ExitCode.USAGE, "kv-store.tls: ovl starts a TLS store for backend etcd only;"
                    + " give an existing " + store.backend().key() + " store with TLS by kv-store.url");
        }
        if (store.url().isPresent()) {
            URI url = store.url().get();
            int port = url.getPort() > 0 ? url.getPort() : store.backend().defaultPort();
            String path = url.getPath() == null ? "" : url.getPath().replaceAll("^/+|/+$", "");
            return new ClusterLayout(store.backend(), Optional.empty(), List.of(HostPort.of(url.getHost(), port)),
                    path.isEmpty() ? DEFAULT_STORE_PATH : path, tls);
        }
        List<KvNode> nodes = store.hosts().stream()
                .map(name -> topology.host(name).orElseThrow(() -> new OvlException(ExitCode.USAGE,
                        "kv-store.hosts names " + name + ", which is not in hosts")))
                .map(h -> new KvNode(h.name(), underlay.getOrDefault(h.name(), underlayIp(h))))
                .toList();
        KvCluster cluster = new KvCluster(store.backend(), nodes, store.port(), store.image(), tls);
        return new ClusterLayout(store.backend(), Optional.of(cluster), cluster.endpoints(), DEFAULT_STORE_PATH, tls);
    }

    /** The settings for {@code host}'s dockerd: advertise its advertise interface/IP, else its address. */
    public ClusterSettings settingsFor(Host host) {
        return new ClusterSettings(backend, endpoints, storePath, host.advertiseOrAddress(), ADVERTISE_PORT, tls);
    }

    /** "etcd://198.18.0.11:2379/network", as dockerd reports it in docker info. */
    public String storeUrl() {
        return backend.scheme() + "://" + String.join(",", endpoints) + "/" + storePath;
    }

    public boolean external() {
        return cluster.isEmpty();
    }

    /**
     * The advertise value docker info will show, when it can be known in advance: an IP is shown as
     * given; an interface name is resolved by dockerd, so it cannot be compared here.
     */
    public Optional<String> expectedAdvertise(Host host) {
        String a = host.advertiseOrAddress();
        return IPV4.matcher(a).matches() ? Optional.of(HostPort.of(a, ADVERTISE_PORT)) : Optional.empty();
    }

    private static String underlayIp(Host h) {
        // Offline: the advertise IP when one is given, else the SSH address (see of(Topology)).
        return h.advertise().filter(a -> IPV4.matcher(a).matches()).orElse(h.address());
    }
}
