package io.ovl.facts;

/**
 * One address on an interface from {@code ip -j addr}.
 *
 * @param scope iproute2's scope: "global", "link", "host"
 */
public record InterfaceAddress(IpFamily family, IpPrefix prefix, String scope) {

    /** The address without its prefix length. */
    public String address() {
        return prefix.address();
    }
}
