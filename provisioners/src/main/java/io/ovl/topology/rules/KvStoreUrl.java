package io.ovl.topology.rules;

import io.ovl.core.Finding;
import io.ovl.topology.KvStore;
import io.ovl.topology.Topology;
import java.net.URI;
import java.util.List;

/** An external store's url is what dockerd's --cluster-store takes: the backend's scheme and a host. */
public final class KvStoreUrl implements TopologyRule {
    @Override
    public List<Finding> check(Topology t) {
        if (t.kvStore().isEmpty() || t.kvStore().get().url().isEmpty()) {
            return List.of();
        }
        KvStore kv = t.kvStore().get();
        URI url = kv.url().get();
        String example = kv.backend().scheme() + "://198.18.0.5:" + kv.backend().defaultPort();
        if (!kv.backend().scheme().equals(url.getScheme())) {
            return List.of(Finding.error("kv-store.url", "url " + url + " does not start with "
                    + kv.backend().scheme() + ":// as backend " + kv.backend().key() + " needs",
                    "write it like " + example + " or set 'backend:' to match"));
        }
        if (url.getHost() == null) {
            return List.of(Finding.error("kv-store.url", "url " + url + " names no host", "write it like " + example));
        }
        return List.of();
    }
}
