package io.ovl.topology.load;

import io.ovl.addressing.IpAddress;
import io.ovl.topology.NetworkSpec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/** Reads one entry of {@code networks:}; an unreadable address is reported and left out. */
final class NetworkBinder {
    static final List<String> KEYS = List.of("name", "subnet", "ip-range", "gateway", "aux-addresses",
            "internal", "attachable", "encrypted", "mtu", "labels");

    private NetworkBinder() {
    }

    static NetworkSpec read(YNode node, String path, BindContext ctx) {
        MapReader m = new MapReader(node, path, ctx, KEYS);
        Map<String, IpAddress> aux = new LinkedHashMap<>();
        m.stringMap("aux-addresses").forEach((name, r) ->
                Addresses.address(r.value(), r.path(), r.position(), ctx).ifPresent(a -> aux.put(name, a)));
        Map<String, String> labels = new LinkedHashMap<>();
        m.stringMap("labels").forEach((k, r) -> labels.put(k, r.value()));
        return new NetworkSpec(
                m.string("name").orElse(""),
                m.string("subnet").flatMap(t -> Addresses.prefix(t, m.path("subnet"), m.node("subnet").get().position(), ctx)),
                m.string("ip-range").flatMap(t -> Addresses.prefix(t, m.path("ip-range"), m.node("ip-range").get().position(), ctx)),
                m.string("gateway").flatMap(t -> Addresses.address(t, m.path("gateway"), m.node("gateway").get().position(), ctx)),
                aux,
                m.bool("internal").orElse(false),
                m.bool("attachable").orElse(false),
                m.bool("encrypted").orElse(false),
                m.integer("mtu", Integer.MIN_VALUE, Integer.MAX_VALUE).map(OptionalInt::of).orElse(OptionalInt.empty()),
                labels);
    }
}
