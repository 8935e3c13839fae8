package io.ovl.addressing;

import java.util.Optional;

/** The addresses of a subnet no container or gateway may have: the network and (IPv4) broadcast address. */
final class ReservedAddress {
    private ReservedAddress() {
    }

    static Optional<String> describe(Prefix subnet, IpAddress a) {
        Prefix net = subnet.network();
        if (a.equals(net.first())) {
            return Optional.of("the network address of " + net);
        }
        if (net.broadcast().filter(a::equals).isPresent()) {
            return Optional.of("the broadcast address of " + net);
        }
        return Optional.empty();
    }
}
