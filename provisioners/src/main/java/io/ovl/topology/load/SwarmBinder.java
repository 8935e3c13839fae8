package io.ovl.topology.load;

import io.ovl.addressing.Prefix;
import io.ovl.topology.SwarmSettings;
import java.util.List;
import java.util.Optional;

/** Reads {@code swarm:}. */
final class SwarmBinder {
    static final List<String> KEYS = List.of("data-path-port", "default-address-pool");

    private SwarmBinder() {
    }

    static SwarmSettings read(YNode node, String path, BindContext ctx) {
        MapReader m = new MapReader(node, path, ctx, KEYS);
        // Docker accepts a data path port from 1024 to 49151 only.
        int port = m.integer("data-path-port", 1024, 49151).orElse(SwarmSettings.DEFAULT_DATA_PATH_PORT);
        List<Prefix> pools = m.stringList("default-address-pool").orElse(List.of()).stream()
                .map(r -> Addresses.prefix(r.value(), r.path(), r.position(), ctx))
                .flatMap(Optional::stream)
                .toList();
        return new SwarmSettings(port, pools);
    }
}
