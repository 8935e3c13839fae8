package io.ovl.topology.rules;

import io.ovl.addressing.Finding;
import io.ovl.topology.KvBackend;
import io.ovl.topology.KvStore;
import io.ovl.topology.Topology;
import java.util.List;

/**
 * {@code kv-store.tls} is for an existing store given by url: ovl starts its own store containers
 * without TLS, so dockerd's TLS options would meet a plain-text store. ZooKeeper's client in
 * dockerd's libkv has no TLS at all. (That all three files are given, as absolute paths, is
 * checked where the file is read, at their lines.)
 */
public final class KvStoreTls implements TopologyRule {
    @Override
    public List<Finding> check(Topology t) {
        if (t.kvStore().isEmpty() || t.kvStore().get().tls().isEmpty()) {
            return List.of();
        }
        KvStore kv = t.kvStore().get();
        if (!kv.isExternal()) {
            return List.of(Finding.error("kv-store.tls", "tls is supported for an existing store (kv-store.url) only;"
                            + " the store ovl starts on kv-store.hosts speaks plain TCP",
                    "start the store with TLS yourself and give its url instead of hosts, or remove tls:"));
        }
        if (kv.backend() == KvBackend.ZOOKEEPER) {
            return List.of(Finding.error("kv-store.tls", "dockerd's ZooKeeper client has no TLS",
                    "use backend consul or etcd for a TLS store, or remove tls:"));
        }
        return List.of();
    }
}
