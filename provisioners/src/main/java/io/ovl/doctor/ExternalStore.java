package io.ovl.doctor;

import io.ovl.core.HostPort;
import io.ovl.facts.Protocol;
import io.ovl.topology.KvStore;
import io.ovl.topology.Mode;
import io.ovl.topology.Topology;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * One endpoint of an external KV store (kv-store url), which every overlay host must reach. The
 * URL's authority may list several endpoints ("etcd://10.0.0.1:2379,10.0.0.2:2379"), as dockerd's
 * --cluster-store accepts.
 */
record ExternalStore(String host, int port) {

    static List<ExternalStore> of(Topology topology) {
        if (topology.mode() != Mode.KV || topology.kvStore().isEmpty() || !topology.kvStore().get().isExternal()) {
            return List.of();
        }
        KvStore kv = topology.kvStore().get();
        return parse(kv.url().get().toString(), kv.port());
    }

    /** The endpoints of a store URL as dockerd's --cluster-store takes it; {@code defaultPort} where none is given. */
    static List<ExternalStore> parse(String url, int defaultPort) {
        int start = url.indexOf("://");
        String rest = start < 0 ? url : url.substring(start + 3);
        int slash = rest.indexOf('/');
        String authority = slash < 0 ? rest : rest.substring(0, slash);
        List<ExternalStore> out = new ArrayList<>();
        for (String endpoint : authority.split(",")) {
            int colon = endpoint.lastIndexOf(':');
            if (colon > 0 && endpoint.substring(colon + 1).matches("\\d{1,5}")) {
                out.add(new ExternalStore(endpoint.substring(0, colon), Integer.parseInt(endpoint.substring(colon + 1))));
            } else if (!endpoint.isBlank()) {
                out.add(new ExternalStore(endpoint, defaultPort));
            }
        }
        return List.copyOf(out);
    }

    PortNeed need() {
        return new PortNeed(Protocol.TCP, port, "external KV store", Set.of(), Set.of());
    }

    /** How outcomes name this endpoint in place of a host: "store 10.0.0.1:2379". */
    String target() {
        return "store " + HostPort.of(host, port);
    }
}
