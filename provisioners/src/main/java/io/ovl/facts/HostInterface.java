package io.ovl.facts;

import java.util.List;
import java.util.Optional;

/**
 * A network interface from {@code ip -j addr}.
 *
 * @param operState iproute2's operstate: "UP", "DOWN", "UNKNOWN" (loopback and some virtual
 *                  devices report UNKNOWN while working; use {@link #isUp()})
 * @param flags     link flags such as "UP", "LOWER_UP", "LOOPBACK"
 * @param linkType  "ether", "loopback", "none", ...
 * @param kind      the device kind for virtual links when ip prints it with -d ("vxlan", "bridge")
 */
public record HostInterface(int index, String name, String operState, List<String> flags, int mtu,
                            String linkType, Optional<String> kind, List<InterfaceAddress> addresses) {

    public HostInterface {
        flags = List.copyOf(flags);
        addresses = List.copyOf(addresses);
    }

    /** Administratively up and carrier present: the "UP" and "LOWER_UP" flags. */
    public boolean isUp() {
        return flags.contains("UP") && flags.contains("LOWER_UP");
    }

    public List<InterfaceAddress> addresses(IpFamily family) {
        return addresses.stream().filter(a -> a.family() == family).toList();
    }

    /** True when {@code ip} is one of this interface's addresses (as an exact literal). */
    public boolean hasAddress(String ip) {
        return addresses.stream().anyMatch(a -> a.address().equals(ip));
    }
}
