package io.ovl.topology;

import java.util.List;
import java.util.Objects;

/**
 * TLS between dockerd and the KV store ({@code kv-store.tls}): files ON THE DOCKER HOSTS (dockerd
 * reads them as root), given to dockerd as {@code --cluster-store-opt kv.cacertfile=...,
 * kv.certfile=..., kv.keyfile=...}. The store URL keeps the backend's scheme: dockerd's libkv
 * switches to TLS because of these options. The loader makes sure all three are given and
 * absolute.
 *
 * @param ca   the CA certificate that signed the store's server certificate
 * @param cert dockerd's client certificate
 * @param key  the client certificate's private key
 */
public record KvTls(String ca, String cert, String key) {
    public KvTls {
        Objects.requireNonNull(ca, "ca");
        Objects.requireNonNull(cert, "cert");
        Objects.requireNonNull(key, "key");
    }

    /** The three paths, in the order ca, cert, key. */
    public List<String> paths() {
        return List.of(ca, cert, key);
    }
}
