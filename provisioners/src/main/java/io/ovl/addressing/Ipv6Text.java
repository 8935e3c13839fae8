package io.ovl.addressing;

import java.math.BigInteger;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/** IPv6 text in and out. Kept apart from {@link IpAddress} so each stays short. */
final class Ipv6Text {
    private Ipv6Text() {
    }

    static IpAddress parse(String t) {
        // Only hex digits, colons and dots (embedded IPv4), starting with a hex digit or ':': rules
        // out zone ids and brackets, and guarantees InetAddress treats the text as a literal. It
        // looks up in DNS only text that starts otherwise or has no ':'.
        if (!t.matches("[0-9A-Fa-f:][0-9A-Fa-f:.]*") || !t.contains(":")) {
            throw new AddressFormatException("'" + t + "' is not an IPv6 address");
        }
        InetAddress a;
        try {
            a = InetAddress.getByName(t);
        } catch (UnknownHostException e) {
            throw new AddressFormatException("'" + t + "' is not an IPv6 address");
        }
        byte[] bytes = a.getAddress();
        BigInteger v = new BigInteger(1, bytes);
        if (a instanceof Inet4Address) {
            // Java turns ::ffff:a.b.c.d into an IPv4 address; the user wrote IPv6, keep it IPv6.
            v = v.or(BigInteger.valueOf(0xffffL).shiftLeft(32));
        }
        return new IpAddress(IpVersion.V6, v);
    }

    static String format(BigInteger value) {
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = value.shiftRight(16 * (7 - i)).intValue() & 0xffff;
        }
        int bestStart = -1;
        int bestLen = 1; // RFC 5952: a single zero group is not shortened
        for (int i = 0; i < 8; ) {
            if (groups[i] != 0) {
                i++;
                continue;
            }
            int j = i;
            while (j < 8 && groups[j] == 0) {
                j++;
            }
            if (j - i > bestLen) {
                bestStart = i;
                bestLen = j - i;
            }
            i = j;
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                sb.append("::");
                i += bestLen - 1;
                continue;
            }
            if (sb.length() > 0 && sb.charAt(sb.length() - 1) != ':') {
                sb.append(':');
            }
            sb.append(Integer.toHexString(groups[i]));
        }
        return sb.toString();
    }
}
