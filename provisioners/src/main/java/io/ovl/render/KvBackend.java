package io.ovl.render;

import java.util.Locale;

/** The key-value stores dockerd 20.10's libkv can use as its --cluster-store. */
public enum KvBackend {
    CONSUL("consul", 8500, "kv/consul.yaml"),
    ETCD("etcd", 2379, "kv/etcd.yaml"),
    ZOOKEEPER("zk", 2181, "kv/zookeeper.yaml");

    private final String scheme;
    private final int defaultPort;
    private final String template;

    KvBackend(String scheme, int defaultPort, String template) {
        this.scheme = scheme;
        this.defaultPort = defaultPort;
        this.template = template;
    }

    /** The URL scheme dockerd expects in --cluster-store: "consul", "etcd", "zk". */
    public String scheme() {
        return scheme;
    }

    /** The client port the store listens on unless the topology says otherwise. */
    public int defaultPort() {
        return defaultPort;
    }

    /** The run-spec template under templates/. */
    String template() {
        return template;
    }

    /** "consul", "etcd", "zookeeper": the topology's spelling and ovl's container/volume naming. */
    public String lowerName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
