package io.ovl.topology;

/**
 * The key-value stores dockerd's --cluster-store accepts, with the port and container image ovl
 * uses when the topology file does not say. {@link #scheme()} is the URL scheme dockerd expects.
 */
public enum KvBackend implements Keyed {
    CONSUL("consul", "consul", 8500, "hashicorp/consul:1.15"),
    ETCD("etcd", "etcd", 2379, "quay.io/coreos/etcd:v3.4.33"),
    ZOOKEEPER("zookeeper", "zk", 2181, "zookeeper:3.8");

    private final String key;
    private final String scheme;
    private final int defaultPort;
    private final String defaultImage;

    KvBackend(String key, String scheme, int defaultPort, String defaultImage) {
        this.key = key;
        this.scheme = scheme;
        this.defaultPort = defaultPort;
        this.defaultImage = defaultImage;
    }

    @Override
    public String key() {
        return key;
    }

    public String scheme() {
        return scheme;
    }

    public int defaultPort() {
        return defaultPort;
    }

    public String defaultImage() {
        return defaultImage;
    }
}
