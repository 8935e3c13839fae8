package io.ovl.draft;

import io.ovl.addressing.IpAddress;
import io.ovl.core.ExitCode;
import io.ovl.core.OvlException;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One host as typed on the command line: {@code [USER@]HOST[:PORT]}, an IPv6 address in brackets
 * when it has a port ({@code [fd00::1]:2222}); a bare IPv6 address ({@code fd00::1}) has none.
 * HOST is what SSH connects to: an address, a DNS name or a ~/.ssh/config alias.
 *
 * @param text the argument as typed, for messages
 */
public record HostArgument(String text, Optional<String> user, String address, Optional<Integer> port) {
    private static final Pattern USER = Pattern.compile("[A-Za-z0-9._][A-Za-z0-9._-]{0,31}");
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_]([A-Za-z0-9._-]{0,252})");

    public HostArgument {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(port, "port");
    }

    /** @throws OvlException (usage) naming the argument and what is wrong with it */
    public static HostArgument parse(String text) {
        String rest = text;
        Optional<String> user = Optional.empty();
        int at = rest.lastIndexOf('@');
        if (at >= 0) {
            String u = rest.substring(0, at);
            if (!USER.matcher(u).matches()) {
                throw bad(text, "user '" + u + "' is not a user name (letters, digits, '.', '_', '-')");
            }
            user = Optional.of(u);
            rest = rest.substring(at + 1);
        }
        String address;
        Optional<Integer> port = Optional.empty();
        if (rest.startsWith("[")) {
            int close = rest.indexOf(']');
            if (close < 0) {
                throw bad(text, "'[' without ']'; write [IPV6]:PORT");
            }
            address = rest.substring(1, close);
            String after = rest.substring(close + 1);
            if (!after.isEmpty()) {
                if (!after.startsWith(":")) {
                    throw bad(text, "expected ':PORT' after ']'");
                }
                port = Optional.of(port(text, after.substring(1)));
            }
            if (IpAddress.tryParse(address).filter(a -> !a.isV4()).isEmpty()) {
                throw bad(text, "'" + address + "' in brackets is not an IPv6 address");
            }
        } else if (rest.indexOf(':') != rest.lastIndexOf(':')) {
            address = rest; // a bare IPv6 address: no port
            if (IpAddress.tryParse(address).isEmpty()) {
                throw bad(text, "'" + address + "' is not an IPv6 address; write [IPV6]:PORT for a port");
            }
        } else {
            int colon = rest.indexOf(':');
            address = colon < 0 ? rest : rest.substring(0, colon);
            if (colon >= 0) {
                port = Optional.of(port(text, rest.substring(colon + 1)));
            }
            if (!NAME.matcher(address).matches()) {
                throw bad(text, "'" + address + "' is not a host name or address");
            }
        }
        return new HostArgument(text, user, address, port);
    }

    /** The address when it is an IP literal. */
    public Optional<IpAddress> ip() {
        return IpAddress.tryParse(address);
    }

    private static int port(String text, String p) {
        if (!p.matches("\\d{1,5}") || Integer.parseInt(p) < 1 || Integer.parseInt(p) > 65535) {
            throw bad(text, "port '" + p + "' is not 1-65535");
        }
        return Integer.parseInt(p);
    }

    private static OvlException bad(String text, String why) {
        return new OvlException(ExitCode.USAGE, "host '" + text + "': " + why
                + "; expected [USER@]HOST[:PORT], e.g. ovl@198.18.0.11:2222");
    }
}
