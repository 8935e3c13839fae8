package io.ovl.addressing;

import java.math.BigInteger;
import java.util.Objects;
import java.util.Optional;

/**
 * An address with a prefix length, as written ("172.16.16.5/24" keeps its host bits so a
 * validator can say what was meant). Set operations use the {@link #network()} it denotes.
 */
public record Prefix(IpAddress address, int length) {
    public Prefix {
        Objects.requireNonNull(address, "address");
        if (length < 0 || length > address.version().bits()) {
            throw new AddressFormatException("prefix length /" + length + " is out of range for "
                    + address.version() + " (0-" + address.version().bits() + ")");
        }
    }

    public static Prefix parse(String text) {
        String t = text.strip();
        int slash = t.indexOf('/');
        if (slash < 0) {
            throw new AddressFormatException("'" + t + "' has no prefix length (expected CIDR like 172.16.16.0/24)");
        }
        IpAddress address = IpAddress.parse(t.substring(0, slash));
        String len = t.substring(slash + 1);
        if (!len.matches("\\d{1,3}")) {
            throw new AddressFormatException("'" + t + "' has an invalid prefix length '" + len + "'");
        }
        return new Prefix(address, Integer.parseInt(len));
    }

    public static Optional<Prefix> tryParse(String text) {
        try {
            return Optional.of(parse(text));
        } catch (AddressFormatException e) {
            return Optional.empty();
        }
    }

    public IpVersion version() {
        return address.version();
    }

    private BigInteger hostMask() {
        return BigInteger.ONE.shiftLeft(version().bits() - length).subtract(BigInteger.ONE);
    }

    /** The same prefix with host bits cleared: 172.16.16.5/24 gives 172.16.16.0/24. */
    public Prefix network() {
        return new Prefix(first(), length);
    }

    public boolean isNetworkAddress() {
        return address.value().and(hostMask()).signum() == 0;
    }

    public IpAddress first() {
        return new IpAddress(version(), address.value().andNot(hostMask()));
    }

    public IpAddress last() {
        return new IpAddress(version(), address.value().or(hostMask()));
    }

    /** Number of addresses in the prefix (2^(bits-length)). */
    public BigInteger size() {
        return BigInteger.ONE.shiftLeft(version().bits() - length);
    }

    /** IPv4 only: the all-ones host address, which Docker never assigns. IPv6 has none. */
    public Optional<IpAddress> broadcast() {
        return version() == IpVersion.V4 ? Optional.of(last()) : Optional.empty();
    }

    public boolean contains(IpAddress a) {
        return a.version() == version() && a.compareTo(first()) >= 0 && a.compareTo(last()) <= 0;
    }

    public boolean contains(Prefix other) {
        return other.version() == version() && other.length >= length && contains(other.first());
    }

    public boolean overlaps(Prefix other) {
        return other.version() == version() && (contains(other.first()) || other.contains(first()));
    }

    @Override
    public String toString() {
        return address + "/" + length;
    }
}
