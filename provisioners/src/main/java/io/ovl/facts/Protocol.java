package io.ovl.facts;

/** Transport protocol of a socket, as ss's Netid column and Docker port specs name it. */
public enum Protocol {
    TCP, UDP,
    /**
     * IPsec ESP, IP protocol 50, which Docker's encrypted overlays carry VXLAN in. It has no ports
     * and no socket of ss has it: only doctor's probe uses it, with the protocol number (50) where
     * the others have a port.
     */
    ESP;

    /** "tcp" / "udp" / "esp", as ss prints it and Docker's "8301/udp" port keys use it. */
    public String lowerName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
