package io.ovl.topology;

import java.net.URI;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The key-value store of kv mode: either run by ovl on {@link #hosts()} (declared host names), or
 * an existing store at {@link #url()} that ovl only points dockerd at. Validation makes sure
 * exactly one of the two is given; {@link #image()} and {@link #port()} are already defaulted per
 * backend. {@link #tls()}: the files dockerd uses to talk TLS to the store, when it requires it.
 */
public record KvStore(KvBackend backend, List<String> hosts, String image, int port, Optional<URI> url,
                      Optional<KvTls> tls) {
    public KvStore {
        Objects.requireNonNull(backend, "backend");
        hosts = List.copyOf(hosts);
        Objects.requireNonNull(image, "image");
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(tls, "tls");
    }

    /** A store without TLS. */
    public KvStore(KvBackend backend, List<String> hosts, String image, int port, Optional<URI> url) {
        this(backend, hosts, image, port, url, Optional.empty());
    }

    /** A store ovl runs itself, with the backend's default image and port. */
    public static KvStore onHosts(KvBackend backend, List<String> hosts) {
        return new KvStore(backend, hosts, backend.defaultImage(), backend.defaultPort(), Optional.empty());
    }

    public static KvStore external(KvBackend backend, URI url) {
        return new KvStore(backend, List.of(), backend.defaultImage(), backend.defaultPort(), Optional.of(url));
    }

    public KvStore withTls(KvTls tls) {
        return new KvStore(backend, hosts, image, port, url, Optional.of(tls));
    }

    public boolean isExternal() {
        return url.isPresent();
    }
}
