package io.ovl.topology.load;

import io.ovl.addressing.AddressFormatException;
import io.ovl.addressing.IpAddress;
import io.ovl.addressing.Prefix;
import java.util.Optional;

/** Parses address text from the file, reporting the parser's message at the value's position. */
final class Addresses {
    private Addresses() {
    }

    static Optional<Prefix> prefix(String text, String path, Position at, BindContext ctx) {
        try {
            return Optional.of(Prefix.parse(text));
        } catch (AddressFormatException e) {
            ctx.error(path, at, e.getMessage(), "write a CIDR prefix such as 172.16.16.0/24 or fd00:16::/64");
            return Optional.empty();
        }
    }

    static Optional<IpAddress> address(String text, String path, Position at, BindContext ctx) {
        try {
            return Optional.of(IpAddress.parse(text));
        } catch (AddressFormatException e) {
            ctx.error(path, at, e.getMessage(), "write an IP address such as 172.16.16.1 or fd00:16::1");
            return Optional.empty();
        }
    }
}
