package io.ovl.facts;

/**
 * An address with a prefix length exactly as a host reported it: "198.18.0.11/24" keeps its host
 * bits. No arithmetic here on purpose; io.ovl.addressing owns CIDR math and can take
 * {@link #toString()} as input.
 */
public record IpPrefix(String address, int length) {

    public IpPrefix {
        if (address.isEmpty() || address.indexOf('/') >= 0) {
            throw new IllegalArgumentException("address must be a bare IP literal: '" + address + "'");
        }
        if (length < 0 || length > IpFamily.of(address).maxPrefixLength()) {
            throw new IllegalArgumentException("prefix length " + length + " out of range for " + address);
        }
    }

    /** The default route's destination in {@code family}: 0.0.0.0/0 or ::/0. */
    public static IpPrefix anyOf(IpFamily family) {
        return family == IpFamily.INET ? new IpPrefix("0.0.0.0", 0) : new IpPrefix("::", 0);
    }

    /** Parses "A/N", or a bare address as a host prefix (/32 or /128), as ip route prints host routes. */
    public static IpPrefix parse(String text) {
        int slash = text.indexOf('/');
        if (slash < 0) {
            return new IpPrefix(text, IpFamily.of(text).maxPrefixLength());
        }
        try {
            return new IpPrefix(text.substring(0, slash), Integer.parseInt(text.substring(slash + 1)));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a prefix: '" + text + "'", e);
        }
    }

    public IpFamily family() {
        return IpFamily.of(address);
    }

    @Override
    public String toString() {
        return address + "/" + length;
    }
}
