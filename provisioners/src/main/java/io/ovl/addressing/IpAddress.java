package io.ovl.addressing;

import java.math.BigInteger;
import java.util.Objects;
import java.util.Optional;

/**
 * An IPv4 or IPv6 address as a number of {@link IpVersion#bits()} bits. Parsing never touches DNS:
 * {@code InetAddress.getByName} would resolve text such as "10.1.2" or "172.16.16.300", so IPv4 is
 * parsed here, strictly (four decimal octets, no leading zeros, which some tools read as octal).
 */
public record IpAddress(IpVersion version, BigInteger value) implements Comparable<IpAddress> {
    public IpAddress {
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(value, "value");
        if (value.signum() < 0 || value.bitLength() > version.bits()) {
            throw new IllegalArgumentException(value + " does not fit in " + version);
        }
    }

    public static IpAddress parse(String text) {
        String t = text.strip();
        if (t.contains(":")) {
            return Ipv6Text.parse(t);
        }
        return new IpAddress(IpVersion.V4, parseV4(t));
    }

    public static Optional<IpAddress> tryParse(String text) {
        try {
            return Optional.of(parse(text));
        } catch (AddressFormatException e) {
            return Optional.empty();
        }
    }

    private static BigInteger parseV4(String t) {
        String[] parts = t.split("\\.", -1);
        if (parts.length != 4) {
            throw new AddressFormatException("'" + t + "' is not an IP address (expected IPv4 a.b.c.d or IPv6)");
        }
        long v = 0;
        for (String p : parts) {
            if (!p.matches("\\d{1,3}")) {
                throw new AddressFormatException("'" + t + "' is not an IP address (octet '" + p + "' is not a number 0-255)");
            }
            if (p.length() > 1 && p.startsWith("0")) {
                throw new AddressFormatException("'" + t + "' has a leading zero in octet '" + p + "' (ambiguous: octal or decimal)");
            }
            int octet = Integer.parseInt(p);
            if (octet > 255) {
                throw new AddressFormatException("'" + t + "' is not an IP address (octet " + octet + " is above 255)");
            }
            v = (v << 8) | octet;
        }
        return BigInteger.valueOf(v);
    }

    public boolean isV4() {
        return version == IpVersion.V4;
    }

    /** This address plus {@code delta}; the caller keeps the result within the family. */
    public IpAddress plus(long delta) {
        return new IpAddress(version, value.add(BigInteger.valueOf(delta)));
    }

    @Override
    public int compareTo(IpAddress o) {
        int byVersion = version.compareTo(o.version);
        return byVersion != 0 ? byVersion : value.compareTo(o.value);
    }

    /** Canonical text: dotted quad, or RFC 5952 compressed lower-case IPv6. */
    @Override
    public String toString() {
        if (isV4()) {
            long v = value.longValue();
            return ((v >> 24) & 255) + "." + ((v >> 16) & 255) + "." + ((v >> 8) & 255) + "." + (v & 255);
        }
        return Ipv6Text.format(value);
    }
}
