package io.ovl.facts;

import java.util.Optional;

/**
 * A route from {@code ip -j route} or {@code ip -j -6 route}.
 *
 * @param type        "unicast" (ip omits the type for it), "blackhole", "unreachable", "local", ...
 * @param destination the destination, with "default" as 0.0.0.0/0 or ::/0 and host routes as /32 or /128
 * @param isDefault   true when ip printed "default"
 * @param device      absent for blackhole/unreachable routes
 * @param via         the gateway, when the route has one
 * @param source      the preferred source address ("prefsrc")
 */
public record Route(String type, IpPrefix destination, boolean isDefault, Optional<String> device,
                    Optional<String> via, Optional<String> source, Optional<Integer> metric) {
}
