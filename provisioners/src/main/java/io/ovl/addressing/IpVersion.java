package io.ovl.addressing;

/** The two IP families; the bit width drives all prefix arithmetic. */
public enum IpVersion {
    V4(32, "IPv4"),
    V6(128, "IPv6");

    private final int bits;
    private final String label;

    IpVersion(int bits, String label) {
        this.bits = bits;
        this.label = label;
    }

    public int bits() {
        return bits;
    }

    @Override
    public String toString() {
        return label;
    }
}
