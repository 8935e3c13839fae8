package io.ovl.facts;

/** Address family, as iproute2 names it in JSON ("inet", "inet6"). */
public enum IpFamily {
    INET, INET6;

    static IpFamily ofIproute(String family) {
        return switch (family) {
            case "inet" -> INET;
            case "inet6" -> INET6;
            default -> throw new IllegalArgumentException("not an IP family: " + family);
        };
    }

    /** The family an address literal belongs to: IPv6 literals are the ones with a colon. */
    public static IpFamily of(String address) {
        return address.indexOf(':') >= 0 ? INET6 : INET;
    }

    int maxPrefixLength() {
        return this == INET ? 32 : 128;
    }
}
