package io.ovl.facts;

/** Transport protocol of a socket, as ss's Netid column and Docker port specs name it. */
public enum Protocol {
    TCP, UDP;

    /** "tcp" / "udp", as ss prints it and Docker's "8301/udp" port keys use it. */
    public String lowerName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
