package io.ovl.topology.rules;

import io.ovl.core.Finding;
import io.ovl.topology.KvStore;
import io.ovl.topology.Topology;
import java.net.URI;
import java.util.List;

/** An external store's url is what dockerd's --cluster-store takes: the backend's scheme, a host and a port 1..65535 (or none). */
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
        if (url.getHost() == null && url.getRawAuthority() != null && url.getRawAuthority().matches("[^:@\\[\\]]+:\\d{6,}")) {
            // Too many digits for a port: URI then reads the authority as a name, without host or port.
            return List.of(Finding.error("kv-store.url", "url " + url + " has port "
                            + url.getRawAuthority().substring(url.getRawAuthority().lastIndexOf(':') + 1) + ", outside 1..65535",
                    "give the store's client port, e.g. " + example + ", or leave it out for " + kv.backend().defaultPort()));
        }
        if (url.getHost() == null) {
            return List.of(Finding.error("kv-store.url", "url " + url + " names no host", "write it like " + example));
        }
        // URI accepts any number of digits as a port, and dockerd's drop-in would carry it as written.
        if (url.getPort() == 0 || url.getPort() > 65535 || (url.getPort() < 0 && url.getRawAuthority().endsWith(":"))) {
            return List.of(Finding.error("kv-store.url", "url " + url + " has port "
                            + (url.getPort() < 0 ? "''" : url.getPort()) + ", outside 1..65535",
                    "give the store's client port, e.g. " + example + ", or leave it out for " + kv.backend().defaultPort()));
        }
        return List.of();
    }
}
