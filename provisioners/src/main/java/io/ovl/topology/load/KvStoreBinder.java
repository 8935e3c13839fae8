package io.ovl.topology.load;

import io.ovl.topology.KvBackend;
import io.ovl.topology.KvStore;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Optional;

/** Reads {@code kv-store:}; image and port default per backend; {@code tls:} by {@link KvTlsBinder}. */
final class KvStoreBinder {
    static final List<String> KEYS = List.of("backend", "hosts", "image", "port", "url", "tls");

    private KvStoreBinder() {
    }

    static KvStore read(YNode node, String path, BindContext ctx) {
        MapReader m = new MapReader(node, path, ctx, KEYS);
        KvBackend backend = m.choice("backend", KvBackend.class).orElse(KvBackend.CONSUL);
        List<String> hosts = m.stringList("hosts").map(l -> l.stream().map(MapReader.Read::value).toList())
                .orElse(List.of());
        return new KvStore(backend, hosts,
                m.string("image").orElse(backend.defaultImage()),
                m.integer("port", 1, 65535).orElse(backend.defaultPort()),
                m.string("url").flatMap(u -> uri(u, m, ctx)),
                m.node("tls").flatMap(n -> KvTlsBinder.read(n, m.path("tls"), ctx)));
    }

    private static Optional<URI> uri(String text, MapReader m, BindContext ctx) {
        try {
            return Optional.of(new URI(text));
        } catch (URISyntaxException e) {
            ctx.error(m.path("url"), m.node("url").get().position(), "'" + text + "' is not a URL: " + e.getReason(),
                    "write it as dockerd's --cluster-store expects, e.g. etcd://198.18.0.5:2379");
            return Optional.empty();
        }
    }
}
