package io.ovl.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import io.ovl.render.StoreTls;
import io.ovl.topology.KvBackend;
import io.ovl.topology.Topology;
import io.ovl.topology.TopologyLoader;
import java.util.List;
import java.util.Optional;

/** Output captured on lab hosts (test resources io/ovl/store/), and the lab's three-member layout. */
final class Resources {
    private Resources() {
    }

    static String text(String name) {
        try (InputStream in = Resources.class.getResourceAsStream("/io/ovl/store/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource io/ovl/store/" + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The layout of the lab where the etcd-3.4-*.json files were captured: storeops-h1..h3 at 198.19.200.11..13. */
    static StoreLayout labEtcd3(Optional<StoreTls> tls) {
        List<StoreLayout.Member> members = List.of(
                member("storeops-h1", "198.19.200.11"), member("storeops-h2", "198.19.200.12"),
                member("storeops-h3", "198.19.200.13"));
        return new StoreLayout(KvBackend.ETCD, members, 2379, tls, "network");
    }

    private static StoreLayout.Member member(String host, String address) {
        return new StoreLayout.Member(host, address, 2379, "ovl-kv-etcd", List.of("/usr/local/bin/etcd"),
                Map.of("ovl-kv-etcd-data", "/etcd-data"));
    }

    static Topology example(String name) {
        return new TopologyLoader().load(Path.of("..", "examples", name)).orThrow();
    }
}
