package io.ovl.topology.load;

import io.ovl.addressing.IpAddress;
import io.ovl.addressing.IpamPools;
import io.ovl.topology.NetworkSpec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Function;

/**
 * Reads one entry of {@code networks:}; an unreadable address is reported and left out. {@code subnet},
 * {@code ip-range} and {@code gateway} are each one value or a list, as Docker's repeatable flags are,
 * and become IPAM pools by Docker's rule ({@link IpamPools}).
 */
final class NetworkBinder {
    static final List<String> KEYS = List.of("name", "subnet", "ip-range", "gateway", "aux-addresses",
            "internal", "attachable", "encrypted", "mtu", "labels", "options");

    private NetworkBinder() {
    }

    static NetworkSpec read(YNode node, String path, BindContext ctx) {
        MapReader m = new MapReader(node, path, ctx, KEYS);
        Map<String, Position> where = new HashMap<>();
        Map<String, IpAddress> aux = new LinkedHashMap<>();
        m.stringMap("aux-addresses").forEach((name, r) -> {
            where.put(relative(path, r.path()), r.position());
            Addresses.address(r.value(), r.path(), r.position(), ctx).ifPresent(a -> aux.put(name, a));
        });
        Map<String, String> labels = new LinkedHashMap<>();
        m.stringMap("labels").forEach((k, r) -> labels.put(k, r.value()));
        Map<String, String> options = new LinkedHashMap<>();
        m.stringMap("options").forEach((k, r) -> options.put(k, r.value()));
        IpamPools.Assigned assigned = IpamPools.assign(
                written(path, m.oneOrMore("subnet"), where, r -> Addresses.prefix(r.value(), r.path(), r.position(), ctx)),
                written(path, m.oneOrMore("ip-range"), where, r -> Addresses.prefix(r.value(), r.path(), r.position(), ctx)),
                written(path, m.oneOrMore("gateway"), where, r -> Addresses.address(r.value(), r.path(), r.position(), ctx)),
                aux);
        // Which subnet each ip-range, gateway and aux address belongs to is decided here, where their lines are known.
        assigned.problems().forEach(f -> ctx.report(f.under(path), where.getOrDefault(f.subject(), m.position())));
        return new NetworkSpec(
                m.string("name").orElse(""),
                assigned.pools(),
                m.bool("internal").orElse(false),
                m.bool("attachable").orElse(false),
                m.bool("encrypted").orElse(false),
                m.integer("mtu", Integer.MIN_VALUE, Integer.MAX_VALUE).map(OptionalInt::of).orElse(OptionalInt.empty()),
                labels,
                options);
    }

    /** The values that parse, with the path relative to the network, remembering where each was written. */
    private static <T> List<IpamPools.Written<T>> written(String path, List<MapReader.Read<String>> reads, Map<String, Position> where,
                                                          Function<MapReader.Read<String>, Optional<T>> parse) {
        List<IpamPools.Written<T>> out = new ArrayList<>();
        for (MapReader.Read<String> r : reads) {
            String key = relative(path, r.path());
            where.put(key, r.position());
            parse.apply(r).ifPresent(v -> out.add(new IpamPools.Written<>(v, key)));
        }
        return out;
    }

    /** "subnet[1]" of "networks[0].subnet[1]". */
    private static String relative(String network, String path) {
        return network.isEmpty() ? path : path.substring(network.length() + 1);
    }
}
