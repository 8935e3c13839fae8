package io.ovl.net;

/** What verify tests for every ordered pair of hosts. */
public enum ProbeCheck {
    /** ping the target probe's overlay address. */
    ICMP("icmp"),
    /** an HTTP request to the target probe's busybox httpd, by address: any HTTP answer passes. */
    TCP("tcp"),
    /** the target probe's container name resolves (Docker's DNS) to its overlay address. */
    DNS("dns");

    private final String label;

    ProbeCheck(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    static java.util.Optional<ProbeCheck> ofLabel(String s) {
        for (ProbeCheck c : values()) {
            if (c.label.equals(s)) {
                return java.util.Optional.of(c);
            }
        }
        return java.util.Optional.empty();
    }
}
