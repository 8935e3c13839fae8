package io.ovl.topology.load;

import io.ovl.topology.KvTls;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads {@code kv-store.tls}: all three files or none, each an absolute path on the Docker hosts
 * (ovl never reads them; dockerd does, on each host). Every problem is reported at its line.
 */
final class KvTlsBinder {
    static final List<String> KEYS = List.of("ca", "cert", "key");
    private static final Map<String, String> EXAMPLES = Map.of("ca", "/etc/docker/kv-tls/ca.pem",
            "cert", "/etc/docker/kv-tls/cert.pem", "key", "/etc/docker/kv-tls/key.pem");

    private KvTlsBinder() {
    }

    static Optional<KvTls> read(YNode node, String path, BindContext ctx) {
        MapReader m = new MapReader(node, path, ctx, KEYS);
        Map<String, String> paths = new LinkedHashMap<>();
        for (String key : KEYS) {
            Optional<String> value = m.string(key);
            if (value.isEmpty()) {
                continue;
            }
            Position at = m.node(key).orElseThrow().position();
            String p = value.get();
            if (!p.startsWith("/")) {
                ctx.error(m.path(key), at, "'" + p + "' is not an absolute path",
                        "give the file's absolute path on the Docker hosts, e.g. " + EXAMPLES.get(key));
            } else if (p.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
                // dockerd's flags end up in a systemd unit: a line break there would start a new setting.
                ctx.error(m.path(key), at, "the path contains a control character",
                        "give the file's absolute path on the Docker hosts, e.g. " + EXAMPLES.get(key));
            } else {
                paths.put(key, p);
            }
        }
        List<String> missing = KEYS.stream().filter(k -> !m.has(k)).toList();
        if (!missing.isEmpty()) {
            ctx.error(path, m.position(), "tls needs all three of ca, cert and key; missing: " + String.join(", ", missing),
                    "add " + String.join(" and ", missing) + " (paths on the Docker hosts), or remove tls: to reach the"
                            + " store without TLS");
        }
        return paths.size() == KEYS.size()
                ? Optional.of(new KvTls(paths.get("ca"), paths.get("cert"), paths.get("key")))
                : Optional.empty();
    }
}
