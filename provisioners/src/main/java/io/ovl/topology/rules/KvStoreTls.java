package io.ovl.topology.rules;

import io.ovl.core.Finding;
import io.ovl.topology.KvBackend;
import io.ovl.topology.KvStore;
import io.ovl.topology.Topology;
import java.util.List;

/**
 * {@code kv-store.tls}: ovl starts a TLS store for etcd only (templates/kv/etcd-tls.yaml); a Consul
 * store with TLS must be an existing one given by url. ZooKeeper's client in dockerd's libkv has no
 * TLS at all. (That all three files are given, as absolute paths, is checked where the file is
 * read, at their lines.)
 */
public final class KvStoreTls implements TopologyRule {
    @Override
    public List<Finding> check(Topology t) {
        if (t.kvStore().isEmpty() || t.kvStore().get().tls().isEmpty()) {
            return List.of();
        }
        KvStore kv = t.kvStore().get();
        if (kv.backend() == KvBackend.ZOOKEEPER) {
            return List.of(Finding.error("kv-store.tls", "dockerd's ZooKeeper client has no TLS",
                    "use backend consul or etcd for a TLS store, or remove tls:"));
        }
        if (!kv.isExternal() && kv.backend() != KvBackend.ETCD) {
            return List.of(Finding.error("kv-store.tls", "ovl starts a TLS store for backend etcd only, not "
                            + kv.backend().key(),
                    "use backend etcd, or start the " + kv.backend().key() + " store with TLS yourself and give its url"
                            + " instead of hosts"));
        }
        return List.of();
    }
}
